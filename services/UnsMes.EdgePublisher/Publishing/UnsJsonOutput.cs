using Microsoft.Extensions.Options;
using UnsMes.EdgePublisher.Simulation;

namespace UnsMes.EdgePublisher.Publishing;

/// <summary>Publishes changes as namespace JSON through the store-and-forward sink.</summary>
internal sealed class UnsJsonOutput(StoreAndForwardSink sink, IOptions<EdgeOptions> options) : IEdgeOutput
{
    private readonly ChangeToMessages _converter = new(
        TimeSpan.FromMilliseconds(options.Value.TagIntervalMs),
        TimeSpan.FromSeconds(options.Value.HeartbeatSeconds));

    public Task PublishAsync(IReadOnlyList<SimulationChange> changes, CancellationToken cancellationToken) =>
        sink.SendAsync(_converter.Convert(changes), cancellationToken);
}
