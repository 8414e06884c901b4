// The plant as the namespace describes it: the ISA-95 tree, machines with state and counts, lines with OEE, WIP
// and work-order progress. Derived from the topic tree on every render; nothing here is configured by hand.
'use strict';
UM.plant = () => {
  const sites = new Map();
  const lines = new Map();
  const machines = new Map();
  const ensureLine = path => {
    if (!lines.has(path)) {
      const [e, s, a, l] = path.split('/');
      const line = { path, name: l, area: a, site: `${e}/${s}`, areaPath: `${e}/${s}/${a}`, machines: [] };
      lines.set(path, line);
      if (!sites.has(line.site)) sites.set(line.site, new Map());
      const areas = sites.get(line.site);
      if (!areas.has(line.areaPath)) areas.set(line.areaPath, []);
      areas.get(line.areaPath).push(line);
    }
    return lines.get(path);
  };
  for (const [topic, msg] of UM.latest) {
    const t = UM.split(topic);
    if (!t) continue;
    if (t.level === 5) {
      const linePath = t.path.split('/').slice(0, 4).join('/');
      const line = ensureLine(linePath);
      if (!machines.has(t.path)) {
        const m = { path: t.path, name: UM.last(t.path), line: linePath, tags: [] };
        machines.set(t.path, m);
        line.machines.push(m);
      }
      const m = machines.get(t.path);
      if (t.family === '_state') m.state = msg.payload;
      else if (t.family === '_count') m.count = msg.payload;
      else if (t.family === '_tag') m.tags.push({ name: t.rest[0], topic, payload: msg.payload });
      else if (t.family === '_oee' && t.rest[0] === 'shift') m.oee = msg.payload;
    } else if (t.level === 4) {
      const line = ensureLine(t.path);
      if (t.family === '_oee') line[`oee_${t.rest[0]}`] = msg.payload;
      else if (t.family === '_wip') line.wip = msg.payload;
      else if (t.family === '_dispatch') line.dispatch = msg.payload;
      else if (t.family === '_progress') (line.progress ||= []).push(msg.payload);
      else if (t.family === '_count') line.count = msg.payload;
    }
  }
  for (const line of lines.values()) line.machines = UM.routingOrder(line);
  return { sites, lines, machines };
};

UM.workOrders = () => [...UM.latest.entries()]
  .filter(([topic]) => UM.split(topic)?.family === '_workorder')
  .map(([, msg]) => msg.payload);

// Machines along the routing: the WIP tracker's operation order when it publishes one, else the routing of the
// line's work order, else the cumulative counts (on a flow line, upstream machines have made more).
UM.routingOrder = line => {
  const byName = new Map(line.machines.map(m => [m.name, m]));
  let order = line.wip?.operations?.map(o => o.workCenter).filter(w => byName.has(w));
  if (!order?.length) {
    const running = UM.workOrders().find(w => w.line === line.path && w.status === 'running');
    order = running?.routing?.map(r => r.workCenter).filter(w => byName.has(w));
  }
  const ranked = order?.length ? order.map(n => byName.get(n)) : [];
  const rest = line.machines.filter(m => !ranked.includes(m))
    .sort((a, b) => ((b.count?.good ?? 0) + (b.count?.scrap ?? 0)) - ((a.count?.good ?? 0) + (a.count?.scrap ?? 0)) || a.name.localeCompare(b.name));
  return [...ranked, ...rest];
};

UM.isStopped = state => state && !['running'].includes(state.state);

UM.machineChip = (m, now) => {
  const s = m.state;
  const inState = s ? UM.duration(now - s.since) : '';
  const reason = s && s.state !== 'running' ? (s.reasonText || s.reasonCode || '') : '';
  return `<div class="machine ${UM.stateClass(s?.state)}" data-testid="machine-${UM.esc(m.path)}" data-state="${UM.esc(s?.state || 'unknown')}" title="${UM.esc(m.path)}">` +
    `<div class="name">${UM.esc(m.name)}</div><div>${UM.esc((s?.state || 'no state').replace('_', ' '))} · <span data-testid="in-state">${inState}</span></div>` +
    (reason ? `<div class="reason" data-testid="reason">${UM.esc(reason)}</div>` : '') + '</div>';
};

UM.target = line => UM.settings.shiftTargets?.[line.path];
