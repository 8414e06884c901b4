// The live namespace in the browser: the latest payload per topic and a short history, kept current by the
// server-sent event stream. Views read it through UM.* helpers and re-render when it changes.
'use strict';
const UM = {
  latest: new Map(),      // topic -> { topic, payload (parsed), retained, receivedTs }
  history: [],            // recent messages of event families, oldest first
  settings: { shiftTargets: {}, tagLimits: {}, reasonCodes: [] },
  clock: { maxTs: 0, wallAt: 0 },
  changed: true,
  tagSamples: new Map(),  // tag topic -> [{ts, value}] received since the page opened (fallback when no historian)
  views: {},
};

UM.parse = raw => { try { return JSON.parse(raw.payload); } catch { return raw.payload; } };

// Topic anatomy: uns/v1/{path...}/_{family}/{rest...}
UM.split = topic => {
  const segs = topic.split('/').slice(2);
  const i = segs.findIndex(s => s.startsWith('_'));
  return i < 0 ? null : { path: segs.slice(0, i).join('/'), level: i, family: segs[i], rest: segs.slice(i + 1) };
};

const HISTORY_LIMIT = 20000;
UM.apply = (raw, live) => {
  const payload = UM.parse(raw);
  const msg = { topic: raw.topic, payload, retained: raw.retained, receivedTs: raw.receivedTs };
  if (raw.payload === '') { UM.latest.delete(raw.topic); } else { UM.latest.set(raw.topic, msg); }
  const t = UM.split(raw.topic);
  // Plant time comes from the machines' own timestamps: an accelerated simulation runs behind the wall clock.
  if (t && ['_state', '_count', '_tag'].includes(t.family) && payload && typeof payload.ts === 'number' && payload.ts > UM.clock.maxTs) {
    UM.clock.maxTs = payload.ts; UM.clock.wallAt = Date.now();
  }
  if (live && t && ['_state', '_downtime', '_deadletter', '_status', '_completion'].includes(t.family)) {
    UM.history.push(msg);
    if (UM.history.length > HISTORY_LIMIT) UM.history.splice(0, UM.history.length - HISTORY_LIMIT);
  }
  if (t && t.family === '_tag' && payload && typeof payload.value === 'number') {
    const list = UM.tagSamples.get(raw.topic) || [];
    list.push({ ts: payload.ts, value: payload.value });
    if (list.length > 2000) list.shift();
    UM.tagSamples.set(raw.topic, list);
  }
  UM.changed = true;
};

UM.loadSnapshot = snap => {
  UM.latest.clear();
  UM.history = snap.history.map(h => ({ topic: h.topic, payload: UM.parse(h), retained: h.retained, receivedTs: h.receivedTs }));
  for (const m of snap.latest) UM.apply(m, false);
  UM.changed = true;
};

UM.now = () => {
  const wall = Date.now();
  if (!UM.clock.maxTs) return wall;
  return Math.min(wall, UM.clock.maxTs + (wall - UM.clock.wallAt));
};

UM.get = topic => UM.latest.get(topic)?.payload;

UM.connect = () => {
  const status = document.getElementById('connection');
  const source = new EventSource('/api/dashboard/stream');
  source.addEventListener('snapshot', e => { UM.loadSnapshot(JSON.parse(e.data)); status.textContent = 'live'; status.className = 'connection live'; });
  source.addEventListener('message', e => UM.apply(JSON.parse(e.data), true));
  source.onerror = () => {
    status.textContent = 'reconnecting…'; status.className = 'connection lost';
    // A stream refused because the sign-in expired keeps failing: go back to the sign-in form instead.
    fetch('/api/dashboard/settings').then(r => { if (r.status === 401) location.reload(); }).catch(() => {});
  };
};

// Formatting.
UM.esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
UM.pct = x => (typeof x === 'number' ? (x * 100).toFixed(1) + '%' : '–');
UM.num = (x, d = 0) => (typeof x === 'number' ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '–');
UM.minutes = ms => (ms / 60000).toFixed(1) + ' min';
UM.duration = ms => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return s + ' s';
  const m = Math.floor(s / 60);
  return m < 60 ? m + ' min' : Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
};
UM.time = ts => (ts ? new Date(ts).toISOString().substring(11, 16) + ' UTC' : '–');
UM.dateTime = ts => (ts ? new Date(ts).toISOString().replace('T', ' ').substring(0, 16) + ' UTC' : '–');
UM.last = path => path.split('/').pop();

// Calls another service through the dashboard server. A 503 means the service is absent: the caller shows
// UM.unavailable(...) in its panel instead of figures.
UM.peer = async (service, path) => {
  const response = await fetch(`/api/dashboard/peers/${service}/${path}`);
  if (response.status === 401) location.reload();
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  return { ok: response.ok, status: response.status, body };
};
UM.unavailable = (body, what) => `<div class="unavailable" data-testid="not-available">${UM.esc(body?.title || what + ' is not available')}` +
  `<div class="muted">${UM.esc(body?.detail || '')}</div></div>`;
UM.problem = body => `<div class="unavailable">${UM.esc(body?.title || 'The question could not be answered')}<div class="muted">${UM.esc(
  body?.detail || Object.values(body?.errors || {}).flat().join('; '))}</div></div>`;

// Keeps a container's children in step with a list, by key, so inputs inside a child survive a refresh.
UM.syncList = (container, items, keyOf, create, update) => {
  const existing = new Map([...container.children].map(c => [c.dataset.key, c]));
  const keys = new Set();
  let previous = null;
  for (const item of items) {
    const key = keyOf(item);
    keys.add(key);
    let el = existing.get(key);
    if (!el) { el = create(item); el.dataset.key = key; }
    update(el, item);
    const expected = previous ? previous.nextSibling : container.firstChild;
    if (el !== expected) container.insertBefore(el, expected);
    previous = el;
  }
  for (const [key, el] of existing) if (!keys.has(key)) el.remove();
};

UM.stateClass = state => 's-' + (state || 'unknown');
