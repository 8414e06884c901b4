using UnsMes.EdgePublisher.Model;
using UnsMes.Uns.Payloads;

namespace UnsMes.EdgePublisher.Simulation;

/// <summary>What one simulation step changed, in the namespace's own payloads, for the publisher to send.</summary>
public abstract record SimulationChange(MachineModel Machine);

public sealed record StateChange(MachineModel Machine, MachineStatePayload State, MachineState Previous) : SimulationChange(Machine);

public sealed record CountChange(MachineModel Machine, ProductionCountPayload Count) : SimulationChange(Machine);

public sealed record TagSample(MachineModel Machine, TagModel Tag, double Value, long Ts) : SimulationChange(Machine);
