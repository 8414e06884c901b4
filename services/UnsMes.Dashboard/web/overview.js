// Plant overview: the ISA-95 tree, each machine's state in colour with its time in state and reason, each line's
// OEE with A/P/Q and good count this shift against its target.
'use strict';
UM.views.overview = {
  render(el) {
    const plant = UM.plant();
    const now = UM.now();
    if (plant.lines.size === 0) {
      el.innerHTML = '<div class="card muted">Waiting for the namespace: no machine has published yet.</div>';
      return;
    }
    let html = '';
    for (const [site, areas] of [...plant.sites].sort()) {
      html += `<h2>${UM.esc(site)}</h2>`;
      for (const [areaPath, lines] of [...areas].sort()) {
        html += `<div class="area-title">${UM.esc(UM.last(areaPath))}</div><div class="grid">`;
        for (const line of lines.sort((a, b) => a.name.localeCompare(b.name))) html += UM.views.overview.lineCard(line, now);
        html += '</div>';
      }
    }
    el.innerHTML = html;
  },
  lineCard(line, now) {
    const oee = line.oee_shift;
    const target = UM.target(line);
    const good = oee?.goodCount;
    const stopped = line.machines.filter(m => m.state?.state === 'down').length;
    return `<div class="card" data-testid="line-${UM.esc(line.path)}">` +
      `<div class="line-head"><a href="#line/${UM.esc(line.path)}">${UM.esc(line.name)}</a>` +
      `<span class="muted">${stopped ? `<span class="no">${stopped} down</span>` : `${line.machines.length} machines`}</span></div>` +
      '<div class="kpis">' +
      `<div class="kpi"><b data-testid="oee">${UM.pct(oee?.oee)}</b><span>OEE</span></div>` +
      `<div class="kpi"><b>${UM.pct(oee?.availability)}</b><span>A</span></div>` +
      `<div class="kpi"><b>${UM.pct(oee?.performance)}</b><span>P</span></div>` +
      `<div class="kpi"><b>${UM.pct(oee?.quality)}</b><span>Q</span></div>` +
      `<div class="kpi"><b data-testid="good-shift">${UM.num(good)}</b><span>good this shift${target ? ' / ' + UM.num(target) : ''}</span></div>` +
      '</div>' +
      (target && typeof good === 'number' ? `<div class="bar" title="good vs shift target"><div style="width:${Math.min(100, 100 * good / target)}%"></div></div>` : '') +
      (oee ? '' : '<div class="muted">No OEE figures yet for this shift.</div>') +
      `<div class="machines" style="margin-top:8px">${line.machines.map(m => UM.machineChip(m, now)).join('')}</div></div>`;
  },
};
