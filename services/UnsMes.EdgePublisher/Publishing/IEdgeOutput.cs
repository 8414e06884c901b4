using UnsMes.EdgePublisher.Simulation;

namespace UnsMes.EdgePublisher.Publishing;

/// <summary>Where the plant's changes go: plain UNS JSON or Sparkplug B, chosen by <c>Edge:Output</c>.</summary>
public interface IEdgeOutput
{
    Task PublishAsync(IReadOnlyList<SimulationChange> changes, CancellationToken cancellationToken);
}
