using UnsMes.Historian.Model;
using UnsMes.Uns.Topics;

namespace UnsMes.Historian.Ingest;

/// <summary>
/// Keeps volume sane and types consistent, per tag: a numeric value within the tag's deadband of the last stored value
/// is skipped unless the heartbeat has passed or its quality changed; an unchanged boolean or text likewise. A value
/// whose type differs from the tag's (fixed by its first value) is refused. Not thread-safe: one ingest loop uses it.
/// </summary>
internal sealed class DeadbandFilter(HistorianOptions options)
{
    private readonly Dictionary<string, TagState> _tags = new(StringComparer.Ordinal);

    /// <summary>Tags already in the store, so their type holds across restarts.</summary>
    public void Know(TagInfo tag) => _tags.TryAdd(tag.Name, new TagState(tag.Kind, Rule(tag.Name)));

    /// <summary>True when the value is to be stored; throws <see cref="RejectedMessageException"/> for a type mismatch.</summary>
    public bool Keep(HistoryPoint point)
    {
        if (!_tags.TryGetValue(point.Tag, out var state))
        {
            state = new TagState(point.Kind, Rule(point.Tag));
            _tags[point.Tag] = state;
        }
        else if (state.Kind != point.Kind)
        {
            throw new RejectedMessageException(
                $"$.value: {point.Tag} holds {state.Kind.ToString().ToLowerInvariant()} values; a {point.Kind.ToString().ToLowerInvariant()} cannot be stored in it");
        }

        if (state.LastTs is { } lastTs && point.Ts <= lastTs)
        {
            // Older or equal in time (a redelivery, a backfill): not compared against newer values, stored as it is;
            // storing a duplicate changes nothing.
            return true;
        }

        var (deadband, heartbeatMs) = state.Rule;
        var keep = state.LastTs is not { } last
                   || deadband < 0
                   || point.Quality != state.LastQuality
                   || (heartbeatMs > 0 && point.Ts - last >= heartbeatMs)
                   || (point.Kind == TagKind.Text ? point.Text != state.LastText : Math.Abs(point.Number - state.LastNumber) > deadband);
        if (keep)
        {
            state.LastTs = point.Ts;
            state.LastNumber = point.Number;
            state.LastText = point.Text;
            state.LastQuality = point.Quality;
        }

        return keep;
    }

    private (double Deadband, long HeartbeatMs) Rule(string tag)
    {
        var rule = options.Deadbands.FirstOrDefault(r => TopicFilter.Matches(r.Filter, tag));
        return rule is null
            ? (options.DefaultDeadband, options.DefaultHeartbeatSeconds * 1000L)
            : (rule.Deadband, rule.HeartbeatSeconds * 1000L);
    }

    private sealed class TagState(TagKind kind, (double Deadband, long HeartbeatMs) rule)
    {
        public TagKind Kind { get; } = kind;
        public (double Deadband, long HeartbeatMs) Rule { get; } = rule;
        public long? LastTs { get; set; }
        public double LastNumber { get; set; }
        public string? LastText { get; set; }
        public UnsMes.Uns.Payloads.Quality LastQuality { get; set; }
    }
}
