// Line view: machines along the routing with WIP between them, the running work order, the shift's state
// timeline and stops, and process value trends from the historian with alarm bands.
'use strict';
UM.views.line = {
  selected: null, machine: null, charts: [], trendKey: '', trendAt: 0,
  render(el, arg) {
    const plant = UM.plant();
    if (arg && plant.lines.has(arg)) this.selected = arg;
    if (!this.selected || !plant.lines.has(this.selected)) this.selected = [...plant.lines.keys()].sort()[0];
    const line = plant.lines.get(this.selected);
    if (!line) { el.innerHTML = '<div class="card muted">No line has published yet.</div>'; return; }
    if (!el.querySelector('#line-select')) {
      el.innerHTML = '<div class="card"><label>Line <select id="line-select"></select></label></div>' +
        '<h2>Routing and WIP</h2><div class="card"><div class="flow" id="line-flow"></div></div>' +
        '<h2>Work order</h2><div class="card" id="line-order"></div>' +
        '<h2>This shift</h2><div class="card" id="line-timeline"></div>' +
        '<h2>Process values</h2><div class="card"><div id="trend-pick" class="machines"></div><div id="trend-area"></div></div>';
      el.querySelector('#line-select').addEventListener('change', e => { location.hash = '#line/' + e.target.value; });
    }
    const select = el.querySelector('#line-select');
    const options = [...plant.lines.keys()].sort();
    if (select.options.length !== options.length) select.innerHTML = options.map(p => `<option value="${UM.esc(p)}">${UM.esc(p)}</option>`).join('');
    select.value = line.path;
    el.querySelector('#line-flow').innerHTML = this.flow(line);
    el.querySelector('#line-order').innerHTML = this.order(line);
    el.querySelector('#line-timeline').innerHTML = this.timeline(line);
    this.trends(el, line);
  },
  flow(line) {
    const now = UM.now();
    const ops = new Map((line.wip?.operations || []).map(o => [o.workCenter, o]));
    return line.machines.map((m, i) => {
      const op = ops.get(m.name);
      const wip = i === 0 ? '' : `<div class="wip" data-testid="wip-${UM.esc(m.name)}">${op ? `<b>${UM.num(op.waiting)}</b>waiting<br>oldest ${UM.duration(op.oldestDwellS * 1000)}` : '<b>–</b>WIP n/a'}</div>`;
      return wip + UM.machineChip(m, now).replace('</div></div>', '</div>') +
        `<div>good ${UM.num(m.count?.good)} · scrap ${UM.num(m.count?.scrap)}</div></div>`;
    }).join('') + (line.wip ? '' : '<div class="muted" style="align-self:center">WIP between machines appears when the WIP tracker publishes _wip.</div>');
  },
  order(line) {
    const progress = (line.progress || []).sort((a, b) => (a.status === 'running' ? -1 : 1) - (b.status === 'running' ? -1 : 1));
    if (!progress.length) {
      const c = line.machines.find(m => m.count?.workOrderId)?.count;
      return c ? `<div>Running <b>${UM.esc(c.workOrderId)}</b> (${UM.esc(c.productId || '')}); progress figures appear when the WIP tracker publishes _progress.</div>`
        : '<div class="muted">No work order progress published for this line.</div>';
    }
    return progress.map(p => {
      const total = p.good + p.remaining;
      return `<div data-testid="progress-${UM.esc(p.workOrderId)}"><b>${UM.esc(p.workOrderId)}</b> <span class="pill">${UM.esc(p.status)}</span>` +
        `<div class="bar" style="margin:6px 0"><div style="width:${total ? (100 * p.good / total).toFixed(1) : 0}%"></div></div>` +
        `<div class="kpis"><div class="kpi"><b>${UM.num(p.good)}</b><span>good</span></div><div class="kpi"><b>${UM.num(p.scrap)}</b><span>scrap</span></div>` +
        `<div class="kpi"><b>${UM.num(p.remaining)}</b><span>remaining</span></div><div class="kpi"><b>${UM.num(p.ratePerHour, 1)}</b><span>per hour</span></div>` +
        `<div class="kpi"><b>${UM.pct(p.yield)}</b><span>yield</span></div><div class="kpi"><b>${UM.dateTime(p.etaTs)}</b><span>ETA</span></div></div></div>`;
    }).join('<hr>');
  },
  timeline(line) {
    const now = UM.now();
    const start = line.oee_shift?.windowStart ?? now - 8 * 3600000;
    const span = Math.max(1, now - start);
    const rows = line.machines.map(m => {
      const changes = UM.history.filter(h => h.topic === `uns/v1/${m.path}/_state` && h.payload?.since)
        .map(h => h.payload).concat(m.state ? [m.state] : []).sort((a, b) => a.since - b.since);
      const segs = [];
      changes.forEach((s, i) => {
        const from = Math.max(start, s.since);
        const to = i + 1 < changes.length ? changes[i + 1].since : now;
        if (to > from) segs.push(`<div class="${UM.stateClass(s.state)}" style="left:${(100 * (from - start) / span).toFixed(2)}%;width:${(100 * (to - from) / span).toFixed(2)}%" title="${UM.esc(s.state)} ${UM.esc(s.reasonCode || '')}"></div>`);
      });
      return `<div class="timeline-row"><span class="label">${UM.esc(m.name)}</span><div class="timeline-track">${segs.join('')}</div></div>`;
    }).join('');
    const cells = new Set(line.machines.map(m => m.path));
    const stops = new Map();
    for (const h of UM.history) {
      const t = UM.split(h.topic);
      if (t?.family === '_downtime' && cells.has(t.path) && h.payload.start >= start - 3600000) stops.set(h.payload.episodeId, { cell: t.path, ...h.payload });
    }
    const all = [...stops.values()].filter(s => (s.end ?? now) >= start).sort((a, b) => b.start - a.start);
    const list = all.slice(0, 12);
    const legend = ['running', 'idle', 'starved', 'blocked', 'down', 'setup', 'planned_stop', 'offline']
      .map(s => `<span><i class="${UM.stateClass(s)}"></i>${s.replace('_', ' ')}</span>`).join('');
    return `<div class="muted">Since ${UM.time(start)} (shift start); states seen since the dashboard started.</div>${rows}<div class="legend">${legend}</div>` +
      '<h3>Stops this shift</h3>' + (list.length ? '<table><tr><th>machine</th><th>reason</th><th>from</th><th class="num">minutes</th><th>classified</th></tr>' +
        list.map(s => `<tr><td>${UM.esc(UM.last(s.cell))}</td><td>${UM.esc(s.reasonText || s.reasonCode)}</td><td>${UM.time(s.start)}</td>` +
          `<td class="num">${(((s.end ?? now) - s.start) / 60000).toFixed(1)}</td><td>${s.classified ? 'yes' : 'no'}</td></tr>`).join('') + '</table>' +
          (all.length > list.length ? `<div class="muted">and ${all.length - list.length} earlier stops this shift</div>` : '')
        : '<div class="muted">No stops reported by the OEE calculator since the dashboard started.</div>');
  },
  trends(el, line) {
    const machines = line.machines.filter(m => m.tags.length);
    if (!machines.find(m => m.path === this.machine)) this.machine = machines[0]?.path;
    const pick = el.querySelector('#trend-pick');
    pick.innerHTML = machines.map(m => `<button class="${m.path === this.machine ? '' : 'secondary'}" data-machine="${UM.esc(m.path)}">${UM.esc(m.name)}</button>`).join('');
    pick.querySelectorAll('button').forEach(b => b.addEventListener('click', () => { this.machine = b.dataset.machine; this.trendAt = 0; UM.changed = true; }));
    const machine = machines.find(m => m.path === this.machine);
    const key = machine ? machine.path + machine.tags.map(t => t.name).join() : '';
    if (key === this.trendKey && Date.now() - this.trendAt < 15000) return;
    this.trendKey = key; this.trendAt = Date.now();
    UM.views.lineTrends.draw(el.querySelector('#trend-area'), machine, line);
  },
};
