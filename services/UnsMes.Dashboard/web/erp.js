// ERP round trip: work orders received from the ERP and where they stand on the floor, completions reported, the
// ERP bridge's own status (outbox depth, parked records) and the records it could not write back.
'use strict';
UM.views.erp = {
  render(el) {
    const orders = UM.workOrders().sort((a, b) => a.workOrderId.localeCompare(b.workOrderId));
    const progress = new Map();
    for (const [topic, msg] of UM.latest) if (UM.split(topic)?.family === '_progress') progress.set(msg.payload.workOrderId, msg.payload);
    const completions = new Map(UM.history.filter(h => UM.split(h.topic)?.family === '_completion').map(h => [h.payload.workOrderId, h.payload]));
    const byStatus = {};
    for (const o of orders) byStatus[o.status] = (byStatus[o.status] || 0) + 1;
    const statuses = [...UM.latest.entries()].filter(([t]) => UM.split(t)?.family === '_status').map(([t, m]) => ({ service: t.split('/').pop(), ...m.payload }));
    const bridge = statuses.find(s => /erp/.test(s.service));
    const detail = bridge?.detail || {};
    const parked = UM.history.filter(h => UM.split(h.topic)?.family === '_deadletter' && /erp/.test(h.topic));
    el.innerHTML =
      '<h2>Work orders</h2><div class="card"><div class="kpis">' +
      `<div class="kpi"><b data-testid="erp-received">${orders.length}</b><span>received</span></div>` +
      ['released', 'dispatched', 'running', 'paused', 'completed', 'closed'].map(s => `<div class="kpi"><b>${byStatus[s] || 0}</b><span>${s}</span></div>`).join('') +
      `<div class="kpi"><b>${completions.size}</b><span>completions reported</span></div>` +
      `<div class="kpi"><b>${UM.esc(detail.writtenBack ?? detail.confirmed ?? '–')}</b><span>written back</span></div></div>` +
      (orders.length ? '<table><tr><th>order</th><th>product</th><th class="num">quantity</th><th>status</th><th class="num">good</th><th>due</th><th>completion</th></tr>' +
        orders.map(o => `<tr><td>${UM.esc(o.workOrderId)}</td><td>${UM.esc(o.productName || o.productId)}</td><td class="num">${UM.num(o.quantity)} ${UM.esc(o.unit)}</td>` +
          `<td><span class="pill">${UM.esc(o.status)}</span></td><td class="num">${UM.num(progress.get(o.workOrderId)?.good)}</td><td>${UM.dateTime(o.dueTs)}</td>` +
          `<td>${completions.has(o.workOrderId) ? 'reported ' + UM.time(completions.get(o.workOrderId).ts) : '–'}</td></tr>`).join('') + '</table>'
        : '<div class="muted">No work order on the namespace: the ERP bridge publishes them under _workorder.</div>') + '</div>' +
      '<h2>ERP bridge</h2><div class="card" data-testid="erp-bridge">' + (bridge
        ? `<div><span class="pill ${UM.esc(bridge.health)}">${UM.esc(bridge.health)}</span> ${UM.esc(bridge.service)} since ${UM.dateTime(bridge.ts)}</div>` +
          `<div class="kpis"><div class="kpi"><b>${UM.esc(detail.outboxDepth ?? '–')}</b><span>outbox depth</span></div><div class="kpi"><b>${UM.esc(detail.parked ?? '–')}</b><span>parked</span></div></div>` +
          '<table>' + Object.entries(detail).map(([k, v]) => `<tr><td>${UM.esc(k)}</td><td>${UM.esc(v)}</td></tr>`).join('') + '</table>'
        : '<div class="unavailable">The ERP bridge has not published its status (uns/v1/_status/erp-bridge).</div>') + '</div>' +
      '<h2>Parked records</h2><div class="card">' + (parked.length
        ? '<table><tr><th>when</th><th>topic</th><th>the ERP\'s reason</th></tr>' + parked.slice(-50).reverse().map(p =>
          `<tr><td>${UM.dateTime(p.payload.ts)}</td><td>${UM.esc(p.payload.originalTopic)}</td><td>${UM.esc(p.payload.reason)}</td></tr>`).join('') + '</table>'
        : '<div class="muted">None since the dashboard started.</div>') + '</div>' +
      '<h2>Services</h2><div class="card"><table><tr><th>service</th><th>health</th><th>since</th><th>detail</th></tr>' +
      statuses.map(s => `<tr data-testid="status-${UM.esc(s.service)}"><td>${UM.esc(s.service)}</td><td><span class="pill ${UM.esc(s.health)}">${UM.esc(s.health)}</span></td>` +
        `<td>${UM.dateTime(s.ts)}</td><td class="muted">${UM.esc(Object.entries(s.detail || {}).map(([k, v]) => k + ' ' + v).join(', '))}</td></tr>`).join('') + '</table></div>';
  },
};
