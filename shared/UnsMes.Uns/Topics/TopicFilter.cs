namespace UnsMes.Uns.Topics;

/// <summary>
/// MQTT topic filters: syntax checks, matching a topic, and whether one filter covers another (for ACLs).
/// Follows MQTT 3.1.1/5 section 4.7: '+' is one whole level, '#' is the whole last level, and a wildcard in the
/// first level never matches a topic that starts with '$'.
/// </summary>
public static class TopicFilter
{
    /// <summary>Returns null when the filter is well formed, else why not.</summary>
    public static string? Problem(string? filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return "a topic filter must not be empty";
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1))
            {
                return $"'#' must be the whole last level of the filter '{filter}'";
            }

            if (level.Contains('+', StringComparison.Ordinal) && level != "+")
            {
                return $"'+' must be a whole level of the filter '{filter}'";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="topic"/> is matched by <paramref name="filter"/>.</summary>
    public static bool Matches(string filter, string topic)
    {
        if (topic.StartsWith('$') && filter.Length > 0 && filter[0] is '+' or '#')
        {
            return false;
        }

        var f = filter.AsSpan();
        var t = topic.AsSpan();
        while (true)
        {
            var fLevel = NextLevel(ref f, out var fMore);
            if (fLevel is "#")
            {
                return true;
            }

            var tLevel = NextLevel(ref t, out var tMore);
            if (!(fLevel is "+" || fLevel.SequenceEqual(tLevel)))
            {
                return false;
            }

            if (!fMore || !tMore)
            {
                // "a/#" also matches "a": the parent level is part of a multi-level wildcard.
                return fMore == tMore || (fMore && f.SequenceEqual("#"));
            }
        }
    }

    /// <summary>
    /// Whether every topic matched by <paramref name="inner"/> is also matched by <paramref name="outer"/>,
    /// e.g. <c>uns/v1/acme/#</c> covers <c>uns/v1/acme/+/_status</c>. Used to grant a subscription.
    /// </summary>
    public static bool Covers(string outer, string inner)
    {
        if (inner.StartsWith('$') && outer.Length > 0 && outer[0] is '+' or '#')
        {
            return false;
        }

        var o = outer.Split('/');
        var n = inner.Split('/');
        for (var i = 0; i < o.Length; i++)
        {
            if (o[i] == "#")
            {
                return true;
            }

            if (i >= n.Length)
            {
                return false;
            }

            if (n[i] == "#")
            {
                return false;
            }

            if (o[i] == "+")
            {
                continue;
            }

            if (n[i] == "+" || !string.Equals(o[i], n[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return o.Length == n.Length;
    }

    /// <summary>
    /// The filter without an MQTT 5 shared-subscription prefix (<c>$share/{group}/</c>): what topics are matched
    /// against and what an ACL must cover.
    /// </summary>
    public static string WithoutSharePrefix(string filter)
    {
        const string sharePrefix = "$share/";
        if (!filter.StartsWith(sharePrefix, StringComparison.Ordinal))
        {
            return filter;
        }

        var groupEnd = filter.IndexOf('/', sharePrefix.Length);
        return groupEnd < 0 ? filter : filter[(groupEnd + 1)..];
    }

    private static ReadOnlySpan<char> NextLevel(ref ReadOnlySpan<char> rest, out bool more)
    {
        var slash = rest.IndexOf('/');
        if (slash < 0)
        {
            var last = rest;
            rest = [];
            more = false;
            return last;
        }

        var level = rest[..slash];
        rest = rest[(slash + 1)..];
        more = true;
        return level;
    }
}
