using UnsMes.Historian.Storage;

namespace UnsMes.Historian.Ingest;

/// <summary>
/// Runs a store operation until it succeeds: while the database is away, ingest waits here (the bounded buffer fills,
/// then reading from the broker pauses and the persistent session holds the rest). Logs the outage once.
/// </summary>
internal static class StoreRetry
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public static async Task<T> RunAsync<T>(IHistorianStore store, IngestStatus status, ILogger logger, TimeProvider time, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        long? downSince = null;
        while (true)
        {
            try
            {
                var result = await operation(cancellationToken);
                if (downSince is { } since)
                {
                    status.StoreError = null;
                    var seconds = time.GetElapsedTime(since).TotalSeconds;
                    HistorianLog.StoreBack(logger, store.Kind, seconds);
                }

                return result;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (downSince is null)
                {
                    downSince = time.GetTimestamp();
                    HistorianLog.StoreDown(logger, store.Kind, ex.Message);
                }

                status.StoreError = ex.Message;
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    public static Task RunAsync(IHistorianStore store, IngestStatus status, ILogger logger, TimeProvider time, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        RunAsync(store, status, logger, time, async ct =>
        {
            await operation(ct);
            return true;
        }, cancellationToken);
}
