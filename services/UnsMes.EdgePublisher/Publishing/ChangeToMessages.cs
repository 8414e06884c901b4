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
    private readonly Dictionary<(IsaPath Cell, string Tag), (double Value, long Ts)> _lastSent = [];

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
                case TagSample t when ShouldSend(t):
                    messages.Add(new EdgeMessage(UnsTopic.Tag(t.Machine.Path, t.Tag.Name), ProcessValuePayload.Number(t.Ts, Math.Round(t.Value, 4), t.Tag.Unit)));
                    break;
            }
        }

        return messages;
    }

    private bool ShouldSend(TagSample sample)
    {
        var key = (sample.Machine.Path, sample.Tag.Name);
        if (_lastSent.TryGetValue(key, out var last))
        {
            var age = sample.Ts - last.Ts;
            var moved = Math.Abs(sample.Value - last.Value) > sample.Tag.Deadband;
            if (age < tagInterval.TotalMilliseconds || (!moved && age < heartbeat.TotalMilliseconds))
            {
                return false;
            }
        }

        _lastSent[key] = (sample.Value, sample.Ts);
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
}
