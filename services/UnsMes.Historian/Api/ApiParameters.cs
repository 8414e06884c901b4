using System.Globalization;

namespace UnsMes.Historian.Api;

/// <summary>Reads and checks query parameters; a bad one becomes a problem response naming it and why.</summary>
internal static class ApiParameters
{
    /// <summary>A time as epoch milliseconds (the namespace's convention) or ISO 8601 (<c>2026-11-23T08:00:00Z</c>).</summary>
    public static IResult? Time(string name, string? text, long fallback, out long value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return value is >= 0 and <= 253_402_300_799_999 ? null : Problem(name, $"{text} is outside year 1970 to 9999 in epoch milliseconds");
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed.ToUnixTimeMilliseconds();
            return value >= 0 ? null : Problem(name, $"'{text}' is before 1970");
        }

        return Problem(name, $"'{text}' is neither epoch milliseconds nor an ISO 8601 time");
    }

    /// <summary>A range [from, to): to defaults to now, from to an hour before to.</summary>
    public static IResult? Range(string? fromText, string? toText, TimeProvider time, out long from, out long to)
    {
        from = 0;
        var problem = Time("to", toText, time.GetUtcNow().ToUnixTimeMilliseconds(), out to);
        if (problem is not null)
        {
            return problem;
        }

        problem = Time("from", fromText, to - 3_600_000, out from);
        if (problem is not null)
        {
            return problem;
        }

        return to > from ? null : Problem("to", "the range must end after it starts");
    }

    public static IResult? Limit(int? requested, int fallback, int max, out int limit)
    {
        limit = requested ?? Math.Min(fallback, max);
        return limit < 1 || limit > max
            ? Problem("limit", $"{limit} is outside 1..{max}; page on with nextFrom for more")
            : null;
    }

    public static IResult Problem(string parameter, string detail, int status = StatusCodes.Status400BadRequest) =>
        Results.Problem(
            title: status == StatusCodes.Status413PayloadTooLarge ? "The answer would be too large" : $"Bad parameter '{parameter}'",
            detail: detail,
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static IResult UnknownTag(string tag) =>
        Results.Problem(title: "Unknown tag", detail: $"No values are recorded for '{tag}'. Browse with /api/history/tags?filter=uns/v1/#.", statusCode: StatusCodes.Status404NotFound);
}
