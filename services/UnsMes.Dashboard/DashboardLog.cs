namespace UnsMes.Dashboard;

internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Dashboard listening to {Filter}")]
    public static partial void Listening(ILogger logger, string filter);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "{Service} is not available at {Url}: {Reason}")]
    public static partial void PeerUnavailable(ILogger logger, string service, Uri url, string reason);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "{IssuedBy} classified stop {EpisodeId} on {Cell} as {ReasonCode}")]
    public static partial void Classified(ILogger logger, string issuedBy, string episodeId, UnsMes.Uns.Topics.IsaPath cell, string reasonCode);
}
