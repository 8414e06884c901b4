using System.Diagnostics.Metrics;
using UnsMes.Uns.Payloads;

namespace UnsMes.ErpBridge.Outbox;

/// <summary>The outbox as metrics (<c>/metrics</c>, OTLP): depth, oldest pending age, parked, and what was delivered.</summary>
internal sealed class ErpBridgeMetrics : IDisposable
{
    public const string MeterName = "UnsMes.ErpBridge";

    private readonly Meter _meter = new(MeterName);

    public ErpBridgeMetrics(OutboxStore store, TimeProvider time)
    {
        _meter.CreateObservableGauge("erp.outbox.pending", () => store.Figures().Pending, "{record}", "Write-back records waiting for the ERP");
        _meter.CreateObservableGauge("erp.outbox.parked", () => store.Figures().Parked, "{record}", "Write-back records the ERP refused for good");
        _meter.CreateObservableGauge("erp.outbox.oldest_pending_age", () => store.Figures().OldestPendingAgeSeconds(UnsTime.Now(time)), "s", "Age of the oldest pending write-back record");
        Delivered = _meter.CreateCounter<long>("erp.outbox.delivered", "{record}");
        Parked = _meter.CreateCounter<long>("erp.outbox.parked_total", "{record}");
        Failures = _meter.CreateCounter<long>("erp.outbox.delivery_failures", "{attempt}");
    }

    public Counter<long> Delivered { get; }

    public Counter<long> Parked { get; }

    public Counter<long> Failures { get; }

    public void Dispose() => _meter.Dispose();
}
