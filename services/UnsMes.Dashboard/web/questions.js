// The five questions as answers: good parts this shift; why a line is down (and classifying the stop); can we
// promise N of P by D; what a work order consumed against its BOM; where OEE was lost this week.
'use strict';
UM.views.questions = {
  built: false, stopsAt: 0, paretoAt: 0, charts: {},
  render(el) {
    if (!this.built) this.build(el);
    this.good(el.querySelector('#q-good'));
    if (Date.now() - this.stopsAt > 3000) { this.stopsAt = Date.now(); this.stops(el.querySelector('#q-stops')); }
    if (Date.now() - this.paretoAt > 10000) { this.paretoAt = Date.now(); this.pareto(el); }
    const orders = UM.knownWorkOrders();
    const list = el.querySelector('#wo-list');
    if (list.children.length !== orders.length) list.innerHTML = orders.map(o => `<option value="${UM.esc(o)}">`).join('');
  },
  build(el) {
    this.built = true;
    const by = new Date(UM.now() + 3 * 86400000).toISOString().substring(0, 16);
    el.innerHTML =
      '<h2>1. How many good parts so far this shift?</h2><div class="card" id="q-good"></div>' +
      '<h2>2. Why is a line down?</h2><div class="card"><div id="q-stops-state" class="muted"></div><div id="q-stops"></div></div>' +
      '<h2>3. Can we promise this order?</h2><div class="card"><form id="promise-form" class="inline">' +
      '<label>Product <input name="productId" value="FLANGE-80" required data-testid="promise-product"></label>' +
      '<label>Quantity <input name="quantity" type="number" min="1" value="500" required data-testid="promise-quantity"></label>' +
      `<label>By (UTC) <input name="by" type="datetime-local" value="${by}" required data-testid="promise-by"></label>` +
      '<button type="submit" data-testid="promise-ask">Ask</button></form><div id="promise-answer" class="answer" data-testid="promise-answer"></div></div>' +
      '<h2>4. What did a work order consume against its BOM?</h2><div class="card"><form id="consumption-form" class="inline">' +
      '<label>Work order <input name="workOrderId" list="wo-list" required data-testid="consumption-wo"></label><datalist id="wo-list"></datalist>' +
      '<button type="submit">Show</button></form><div id="consumption-answer" class="answer" data-testid="consumption-answer"></div></div>' +
      '<h2>5. Where did we lose OEE this week?</h2><div class="card"><form id="pareto-form" class="inline">' +
      '<label>Scope <select name="scope" id="pareto-scope" data-testid="pareto-scope"></select></label><button type="submit" class="secondary">Refresh</button></form>' +
      '<div class="grid" style="margin-top:8px"><div><h3>By cause</h3><div class="chart-box"><canvas id="pareto-cause-chart"></canvas></div><div id="pareto-cause" data-testid="pareto-cause"></div></div>' +
      '<div><h3>By line</h3><div class="chart-box"><canvas id="pareto-line-chart"></canvas></div><div id="pareto-line"></div></div>' +
      '<div><h3>By shift</h3><div class="chart-box"><canvas id="pareto-shift-chart"></canvas></div><div id="pareto-shift"></div></div>' +
      '<div><h3>By product</h3><div id="pareto-product"></div></div></div></div>';
    el.querySelector('#promise-form').addEventListener('submit', e => { e.preventDefault(); this.promise(new FormData(e.target), el.querySelector('#promise-answer')); });
    el.querySelector('#consumption-form').addEventListener('submit', e => { e.preventDefault(); this.consumption(new FormData(e.target).get('workOrderId'), el.querySelector('#consumption-answer')); });
    el.querySelector('#pareto-form').addEventListener('submit', e => { e.preventDefault(); this.pareto(el); });
  },
  good(card) {
    const plant = UM.plant();
    let total = 0;
    const rows = [...plant.lines.values()].sort((a, b) => a.path.localeCompare(b.path)).map(line => {
      const good = line.oee_shift?.goodCount;
      const target = UM.target(line);
      if (typeof good === 'number' && line.count?.unit !== 'm' && line.machines[0]?.count?.unit !== 'm') total += good;
      return `<tr data-testid="good-${UM.esc(line.path)}"><td>${UM.esc(line.path)}</td><td class="num" data-testid="good-value">${UM.num(good)}</td>` +
        `<td class="num">${target ? UM.num(target) : '–'}</td><td class="num">${target && typeof good === 'number' ? UM.pct(good / target) : '–'}</td>` +
        `<td>${UM.esc(line.machines[0]?.count?.unit || 'pcs')}</td></tr>`;
    }).join('');
    card.innerHTML = `<div class="kpis"><div class="kpi"><b data-testid="good-total">${UM.num(total)}</b><span>good pieces this shift (discrete lines)</span></div></div>` +
      '<table><tr><th>line</th><th class="num">good</th><th class="num">target</th><th class="num">of target</th><th>unit</th></tr>' + rows + '</table>' +
      '<div class="muted">From the OEE calculator\'s shift window of each line (its output machine).</div>';
  },
  async stops(container) {
    const plant = UM.plant();
    const sites = [...plant.sites.keys()];
    const results = await Promise.all(sites.map(s => UM.peer('oee', 'downtime?scope=' + encodeURIComponent(s))));
    const state = document.getElementById('q-stops-state');
    const missing = results.find(r => !r.ok);
    const stops = results.filter(r => r.ok).flatMap(r => r.body.stops || []);
    const now = UM.now();
    // Machines that are stopped but not (yet) an OEE episode (shorter than the micro-stop threshold) still show.
    const episodeCells = new Set(stops.map(s => s.cell));
    const quick = [...plant.machines.values()].filter(m => ['down', 'blocked', 'starved', 'setup'].includes(m.state?.state) && !episodeCells.has(m.path));
    state.innerHTML = missing ? UM.unavailable(missing.body, 'The OEE calculator') + 'Machine states below come from the namespace.' :
      (stops.length + quick.length === 0 ? 'Every machine is running.' : '');
    const items = [
      ...stops.map(s => ({ key: s.episodeId, cell: s.cell, state: s.state, reason: s.reasonText || s.reasonCode, code: s.reasonCode, since: Date.parse(s.since), classified: s.classified, episodeId: s.episodeId })),
      ...quick.map(m => ({ key: 'state-' + m.path, cell: m.path, state: m.state.state, reason: m.state.reasonText || m.state.reasonCode || m.state.state, since: m.state.since, classified: true })),
    ].sort((a, b) => a.since - b.since);
    UM.syncList(container, items, i => i.key, item => {
      const div = document.createElement('div');
      div.className = 'card';
      div.style.marginBottom = '6px';
      div.dataset.testid = 'stop-' + item.cell;
      div.innerHTML = '<div class="line-head"><span data-role="where"></span><span data-role="minutes" data-testid="stop-minutes"></span></div><div data-role="reason" data-testid="stop-reason"></div>' +
        (item.classified ? '' : `<form class="inline" data-testid="classify-form"><label>Reason <input name="reasonCode" list="reason-codes" required data-testid="classify-reason"></label>` +
          '<label>Note <input name="reasonText" data-testid="classify-text"></label><label>Badge <input name="issuedBy" value="operator" data-testid="classify-badge"></label>' +
          '<button type="submit" data-testid="classify-submit">Classify</button><span data-role="result" class="muted"></span></form>');
      const form = div.querySelector('form');
      if (form) form.addEventListener('submit', e => { e.preventDefault(); this.classify(item, new FormData(form), form.querySelector('[data-role=result]')); });
      return div;
    }, (div, item) => {
      const parts = item.cell.split('/');
      div.querySelector('[data-role=where]').innerHTML = `<b>${UM.esc(parts[3])}</b> · ${UM.esc(parts[4])} <span class="pill state ${UM.stateClass(item.state)}">${UM.esc(item.state)}</span>`;
      div.querySelector('[data-role=minutes]').textContent = `${((now - item.since) / 60000).toFixed(1)} min`;
      div.querySelector('[data-role=reason]').textContent = item.classified ? item.reason : `${item.reason} — not classified yet`;
      if (item.classified) div.querySelector('form')?.remove();
    });
    if (!document.getElementById('reason-codes')) {
      const list = document.createElement('datalist');
      list.id = 'reason-codes';
      list.innerHTML = (UM.settings.reasonCodes || []).map(r => `<option value="${UM.esc(r)}">`).join('');
      document.body.appendChild(list);
    }
  },
  async classify(item, data, result) {
    result.textContent = 'sending…';
    const response = await fetch('/api/dashboard/commands/classify-downtime', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ cell: item.cell, episodeId: item.episodeId, reasonCode: data.get('reasonCode'), reasonText: data.get('reasonText'), issuedBy: data.get('issuedBy') }),
    });
    const body = await response.json().catch(() => null);
    result.textContent = response.ok ? 'sent; the OEE calculator books it in a moment' : (body?.title || 'refused') + ': ' + (body?.detail || Object.values(body?.errors || {}).flat().join('; '));
    if (response.ok) { setTimeout(() => { this.paretoAt = 0; this.stopsAt = 0; UM.changed = true; }, 1500); }
  },
  async promise(data, answer) {
    answer.innerHTML = '<span class="muted">asking…</span>';
    const by = new Date(data.get('by') + 'Z').toISOString();
    const r = await UM.peer('wip', 'promise?' + new URLSearchParams({ productId: data.get('productId'), quantity: data.get('quantity'), by }));
    if (r.status === 503) { answer.innerHTML = UM.unavailable(r.body, 'The WIP tracker'); return; }
    if (!r.ok) { answer.innerHTML = UM.problem(r.body); return; }
    const p = r.body;
    answer.innerHTML = `<div data-testid="promise-verdict" class="${p.canPromise ? 'yes' : 'no'}">${p.canPromise ? 'Yes' : 'No'}: ${UM.num(p.quantity)} × ${UM.esc(p.productId)} by ${UM.dateTime(Date.parse(p.by))}</div>` +
      `<div class="kpis"><div class="kpi"><b>${UM.num(p.expectedGoodByDeadline)}</b><span>expected good by then</span></div>` +
      `<div class="kpi"><b>${UM.num(p.ratePerHour, 1)}</b><span>per hour</span></div><div class="kpi"><b>${UM.pct(p.yield)}</b><span>yield</span></div>` +
      `<div class="kpi"><b>${UM.num(p.availableHours, 1)}</b><span>hours available</span></div><div class="kpi"><b>${UM.num(p.openQuantityAhead)}</b><span>open ahead</span></div></div>` +
      `<ul data-testid="promise-reasoning">${(p.reasoning || []).map(x => `<li>${UM.esc(x)}</li>`).join('')}</ul>`;
  },
  async consumption(id, answer) {
    answer.innerHTML = '<span class="muted">looking up…</span>';
    const r = await UM.peer('wip', 'workorders/' + encodeURIComponent(id));
    if (r.status === 503) { answer.innerHTML = UM.unavailable(r.body, 'The WIP tracker'); return; }
    if (!r.ok) { answer.innerHTML = UM.problem(r.body); return; }
    const rows = r.body.consumption || [];
    answer.innerHTML = `<div><b>${UM.esc(r.body.workOrderId || id)}</b> ${UM.esc(r.body.productId || '')}</div>` + (rows.length
      ? '<table><tr><th>material</th><th class="num">BOM</th><th class="num">actual</th><th class="num">variance</th><th class="num">%</th><th>unit</th></tr>' +
        rows.map(c => `<tr><td>${UM.esc(c.materialId)}</td><td class="num">${UM.num(c.bomQuantity, 2)}</td><td class="num">${UM.num(c.actualQuantity, 2)}</td>` +
          `<td class="num ${c.variance > 0 ? 'no' : ''}">${UM.num(c.variance, 2)}</td><td class="num">${UM.num(c.variancePct, 1)}</td><td>${UM.esc(c.unit)}</td></tr>`).join('') + '</table>'
      : '<div class="muted">No consumption measured for this order yet.</div>');
  },
  async pareto(el) {
    const plant = UM.plant();
    const scopeSelect = el.querySelector('#pareto-scope');
    const scopes = [...plant.sites.keys(), ...[...plant.lines.keys()].sort()];
    if (scopeSelect.options.length !== scopes.length) {
      const keep = scopeSelect.value;
      scopeSelect.innerHTML = scopes.map(s => `<option value="${UM.esc(s)}">${UM.esc(s)}</option>`).join('');
      if (scopes.includes(keep)) scopeSelect.value = keep;
    }
    const scope = scopeSelect.value;
    if (!scope) return;
    const from = UM.weekStart().toISOString();
    const q = s => `scope=${encodeURIComponent(s)}&from=${encodeURIComponent(from)}`;
    const linesUnder = [...plant.lines.keys()].filter(l => l === scope || l.startsWith(scope + '/')).sort();
    const [cause, shifts, orders, ...perLine] = await Promise.all([
      UM.peer('oee', 'losses?' + q(scope)), UM.peer('oee', 'figures?kind=shift&' + q(scope)), UM.peer('oee', 'figures?kind=workorder&' + q(scope)),
      ...linesUnder.map(l => UM.peer('oee', 'losses?' + q(l)))]);
    if (!cause.ok) {
      el.querySelector('#pareto-cause').innerHTML = cause.status === 503 ? UM.unavailable(cause.body, 'The OEE calculator') : UM.problem(cause.body);
      return;
    }
    const causeRows = (cause.body.losses || []).map(l => [l.cause, l.minutes]);
    this.table(el.querySelector('#pareto-cause'), causeRows, 'cause', `${UM.num(cause.body.plannedBusyMinutes, 0)} planned minutes since ${UM.dateTime(Date.parse(cause.body.from))}`);
    this.bar('pareto-cause-chart', causeRows);
    const lineRows = linesUnder.map((l, i) => [UM.last(l), (perLine[i].body?.losses || []).reduce((s, x) => s + x.minutes, 0)]).sort((a, b) => b[1] - a[1]);
    this.table(el.querySelector('#pareto-line'), lineRows, 'line');
    this.bar('pareto-line-chart', lineRows);
    const lost = f => (f.plannedBusyTimeS * (1 - Math.min(1, f.oee))) / 60;
    const group = (windows, keyOf) => {
      const sums = new Map();
      for (const w of windows || []) sums.set(keyOf(w), (sums.get(keyOf(w)) || 0) + lost(w.figures));
      return [...sums].sort((a, b) => b[1] - a[1]);
    };
    const shiftRows = group(shifts.body?.windows, w => 'shift ' + w.window.split('/').pop());
    this.table(el.querySelector('#pareto-shift'), shiftRows, 'shift', 'OEE loss in minutes: planned time × (1 − OEE).');
    this.bar('pareto-shift-chart', shiftRows);
    this.table(el.querySelector('#pareto-product'), group(orders.body?.windows, w => w.figures.productId || 'unknown'), 'product', 'From the work-order windows.');
  },
  table(target, rows, what, note) {
    target.innerHTML = (rows.length ? `<table><tr><th>${what}</th><th class="num">minutes lost</th></tr>` +
      rows.map(([k, v]) => `<tr data-testid="pareto-row-${UM.esc(k)}"><td>${UM.esc(k)}</td><td class="num">${UM.num(v, 1)}</td></tr>`).join('') + '</table>'
      : '<div class="muted">No losses booked yet.</div>') + (note ? `<div class="muted">${UM.esc(note)}</div>` : '');
  },
  bar(id, rows) {
    this.charts[id]?.destroy();
    this.charts[id] = new Chart(document.getElementById(id), {
      type: 'bar',
      data: { labels: rows.map(r => r[0]), datasets: [{ label: 'minutes', data: rows.map(r => r[1]), backgroundColor: '#d8673a' }] },
      options: { animation: false, maintainAspectRatio: false, indexAxis: 'y', plugins: { legend: { display: false } } },
    });
  },
};

UM.weekStart = () => {
  const d = new Date(UM.now());
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday;
};

UM.knownWorkOrders = () => {
  const ids = new Set();
  for (const [topic, msg] of UM.latest) {
    const t = UM.split(topic);
    if (t && (t.family === '_workorder' || t.family === '_progress') && t.rest[0]) ids.add(t.rest[0]);
    if (t && t.family === '_count' && msg.payload?.workOrderId) ids.add(msg.payload.workOrderId);
  }
  return [...ids].sort();
};
