using UnsMes.Oee.Domain;
using UnsMes.Uns.Payloads;

namespace UnsMes.Oee.Streaming;

/// <summary>Maps the calculator's results onto the namespace's payloads.</summary>
internal static class OeePayloads
{
    /// <summary>The topic level a window is published under: <c>_oee/hour</c>, <c>today</c>, <c>shift</c>, <c>workorder</c>.</summary>
    public static string TopicName(WindowKind kind) => kind switch
    {
        WindowKind.Hour => "hour",
        WindowKind.Day => "today",
        WindowKind.Shift => "shift",
        _ => "workorder",
    };

    public static OeePayload From(OeeResult result, long nowMs) => new()
    {
        V = UnsSchema.Version,
        Ts = nowMs,
        WindowStart = result.Window.StartMs,
        WindowEnd = result.Window.EndMs,
        Closed = result.Closed,
        Availability = result.Availability,
        Performance = result.Performance,
        Quality = result.Quality,
        Oee = result.Oee,
        PlannedBusyTimeS = result.PlannedBusyTimeS,
        RunTimeS = result.RunTimeS,
        TotalCount = result.TotalCount,
        GoodCount = result.GoodCount,
        Losses = result.Losses,
        WorkOrderId = result.Window.Kind == WindowKind.WorkOrder ? result.Window.Id : null,
        ProductId = result.ProductId,
    };

    public static DowntimePayload From(DowntimeEpisode episode, long nowMs) => new()
    {
        V = UnsSchema.Version,
        Ts = nowMs,
        EpisodeId = episode.EpisodeId,
        State = episode.State,
        Start = episode.StartMs,
        End = episode.EndMs,
        ReasonCode = episode.ReasonCode,
        ReasonText = episode.ReasonText,
        Classified = episode.Classified,
        Planned = episode.Planned,
    };
}
