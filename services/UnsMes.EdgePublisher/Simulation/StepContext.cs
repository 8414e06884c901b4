namespace UnsMes.EdgePublisher.Simulation;

/// <summary>What the line tells each of its machines for one step: whether production is planned, and what to make.</summary>
internal readonly record struct StepContext(string? PlannedStopReason, string? PlannedStopText, string? WorkOrderId, string? ProductId, double CycleTimeFactor, string Unit);
