// Process value trends of one machine: minute buckets from the historian (average with the min-max range) and the
// tag's alarm band. Without a historian, the values received since the page opened are drawn instead.
'use strict';
UM.views.lineTrends = {
  charts: [],
  async draw(area, machine, line) {
    this.charts.forEach(c => c.destroy());
    this.charts = [];
    if (!machine) { area.innerHTML = '<div class="muted">No process values published on this line.</div>'; return; }
    const now = UM.now();
    const from = line.oee_shift?.windowStart ?? now - 8 * 3600000;
    const results = await Promise.all(machine.tags.map(tag => UM.peer('history', 'aggregate?' + new URLSearchParams({
      tag: tag.topic, from: new Date(from).toISOString(), to: new Date(now).toISOString(), bucketSeconds: '60',
    }))));
    const missing = results.find(r => r.status === 503);
    area.innerHTML = (missing ? UM.unavailable(missing.body, 'The historian') + '<div class="muted">Showing the values received since this page opened.</div>' : '') +
      '<div class="grid">' + machine.tags.map((t, i) => `<div class="card"><h3>${UM.esc(t.name)} <span class="muted">${UM.esc(t.payload?.unit || '')}</span></h3>` +
        `<div class="chart-box"><canvas id="trend-${i}" data-testid="trend-${UM.esc(t.name)}" data-source="${results[i].ok ? 'historian' : 'live'}"></canvas></div></div>`).join('') + '</div>';
    machine.tags.forEach((tag, i) => {
      const r = results[i];
      const buckets = r.ok && Array.isArray(r.body?.buckets) ? r.body.buckets : null;
      const points = buckets
        ? buckets.filter(b => b.count > 0).map(b => ({ x: b.start, avg: b.avg, min: b.min, max: b.max }))
        : (UM.tagSamples.get(tag.topic) || []).map(s => ({ x: s.ts, avg: s.value }));
      const limits = UM.settings.tagLimits?.[`${machine.path}/${tag.name}`] || UM.settings.tagLimits?.[tag.name];
      this.charts.push(this.chart(document.getElementById(`trend-${i}`), points, limits, !!buckets));
    });
  },
  chart(canvas, points, limits, ranged) {
    const xs = points.map(p => p.x);
    const band = value => xs.length ? [{ x: xs[0], y: value }, { x: xs[xs.length - 1], y: value }] : [];
    const datasets = [{ label: 'average', data: points.map(p => ({ x: p.x, y: p.avg })), borderColor: '#2f78c4', pointRadius: 0, borderWidth: 2 }];
    if (ranged) {
      datasets.push({ label: 'max', data: points.map(p => ({ x: p.x, y: p.max })), borderColor: 'rgba(47,120,196,.25)', pointRadius: 0, borderWidth: 1, fill: '+1', backgroundColor: 'rgba(47,120,196,.12)' });
      datasets.push({ label: 'min', data: points.map(p => ({ x: p.x, y: p.min })), borderColor: 'rgba(47,120,196,.25)', pointRadius: 0, borderWidth: 1 });
    }
    if (limits?.high != null) datasets.push({ label: 'alarm high', data: band(limits.high), borderColor: '#d83a34', borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 });
    if (limits?.low != null) datasets.push({ label: 'alarm low', data: band(limits.low), borderColor: '#d83a34', borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 });
    return new Chart(canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false, maintainAspectRatio: false, parsing: false,
        plugins: { legend: { labels: { boxWidth: 12, font: { size: 11 } } } },
        scales: { x: { type: 'linear', ticks: { callback: v => new Date(v).toISOString().substring(11, 16), maxTicksLimit: 8 } } },
      },
    });
  },
};
