using System.Runtime.CompilerServices;
using UnsMes.EdgePublisher.Model;
using UnsMes.EdgePublisher.Simulation;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Publishing;

/// <summary>
/// Turns simulation changes into namespace messages: retained state plus a state-change event, counters, and
/// process values filtered by deadband, a minimum interval and a heartbeat.
/// </summary>
public sealed class ChangeToMessages(TimeSpan tagInterval, TimeSpan heartbeat)
{
    // Per tag of a machine: its topic (composed once) and what was last sent. Keyed by the model objects themselves,
    // which the simulation reuses, since hashing their contents on every sample showed in profiles.
    private readonly Dictionary<(MachineModel Machine, TagModel Tag), TagState> _tags = new(SameModels.Instance);

    public List<EdgeMessage> Convert(IReadOnlyList<SimulationChange> changes)
    {
        var messages = new List<EdgeMessage>(changes.Count);
        foreach (var change in changes)
        {
            switch (change)
            {
                case StateChange s:
                    messages.Add(new EdgeMessage(UnsTopic.State(s.Machine.Path), s.State));
                    messages.Add(new EdgeMessage(UnsTopic.Event(s.Machine.Path, "stateChanged"), StateEvent(s)));
                    break;
                case CountChange c:
                    messages.Add(new EdgeMessage(UnsTopic.Count(c.Machine.Path), c.Count));
                    break;
                case TagSample t when ShouldSend(t, out var topic):
                    messages.Add(new EdgeMessage(topic, ProcessValuePayload.Number(t.Ts, Math.Round(t.Value, 4), t.Tag.Unit)));
                    break;
            }
        }

        return messages;
    }

    private bool ShouldSend(TagSample sample, out UnsTopic topic)
    {
        if (!_tags.TryGetValue((sample.Machine, sample.Tag), out var tag))
        {
            tag = _tags[(sample.Machine, sample.Tag)] = new TagState(UnsTopic.Tag(sample.Machine.Path, sample.Tag.Name));
        }

        topic = tag.Topic;
        if (tag.EverSent)
        {
            var age = sample.Ts - tag.Ts;
            var moved = Math.Abs(sample.Value - tag.Value) > sample.Tag.Deadband;
            if (age < tagInterval.TotalMilliseconds || (!moved && age < heartbeat.TotalMilliseconds))
            {
                return false;
            }
        }

        (tag.Value, tag.Ts, tag.EverSent) = (sample.Value, sample.Ts, true);
        return true;
    }

    private static UnsEventPayload StateEvent(StateChange change)
    {
        var attributes = new Dictionary<string, string>
        {
            ["from"] = WireNames.Of(change.Previous),
            ["to"] = WireNames.Of(change.State.State),
        };
        if (change.State.ReasonCode is { } reason)
        {
            attributes["reasonCode"] = reason;
        }

        return new UnsEventPayload
        {
            V = UnsSchema.Version,
            Ts = change.State.Ts,
            Severity = change.State.State == MachineState.Down ? Severity.Warning : Severity.Info,
            Message = change.State.ReasonText is { } text
                ? $"{change.Machine.Name}: {WireNames.Of(change.Previous)} -> {WireNames.Of(change.State.State)} ({text})"
                : $"{change.Machine.Name}: {WireNames.Of(change.Previous)} -> {WireNames.Of(change.State.State)}",
            Attributes = attributes,
        };
    }

    private sealed class TagState(UnsTopic topic)
    {
        public UnsTopic Topic { get; } = topic;

        public double Value { get; set; }

        public long Ts { get; set; }

        public bool EverSent { get; set; }
    }

    /// <summary>Model objects compared by identity: one machine's tag is one object for the simulation's lifetime.</summary>
    private sealed class SameModels : IEqualityComparer<(MachineModel Machine, TagModel Tag)>
    {
        public static readonly SameModels Instance = new();

        public bool Equals((MachineModel Machine, TagModel Tag) x, (MachineModel Machine, TagModel Tag) y) =>
            ReferenceEquals(x.Machine, y.Machine) && ReferenceEquals(x.Tag, y.Tag);

        public int GetHashCode((MachineModel Machine, TagModel Tag) key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Machine), RuntimeHelpers.GetHashCode(key.Tag));
    }
}
