using Microsoft.Extensions.Options;
using UnsMes.Historian.Ingest;
using UnsMes.Historian.Model;
using UnsMes.Historian.Storage;

namespace UnsMes.Historian.Rollups;

/// <summary>
/// Every <see cref="HistorianOptions.MaintenanceIntervalSeconds"/>: brings the minute and hour rollups up to date,
/// then applies retention. Raw values are only deleted once rolled up (never past the minute watermark).
/// </summary>
internal sealed class MaintenanceService(IHistorianStore store, IOptions<HistorianOptions> options, TimeProvider time, ILogger<MaintenanceService> logger) : BackgroundService
{
    private readonly HistorianOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.MaintenanceIntervalSeconds), time);
        while (await NextTickAsync(timer, stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                HistorianLog.MaintenanceFailed(logger, ex);
            }
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = await new RollupBuilder(store).RollUpAsync(now - (_options.RollupSettleSeconds * 1000L), cancellationToken);
        var report = await store.ApplyRetentionAsync(await CutoffsAsync(store, _options, now, cancellationToken), cancellationToken);
        var dropped = string.Join(", ", report.PartitionsDropped);
        HistorianLog.Maintained(logger, rows, report.RowsDeleted, dropped);
    }

    /// <summary>What retention deletes at <paramref name="now"/>: never raw values not yet in the minute rollups,
    /// never minute rollups not yet in the hour rollups.</summary>
    public static async Task<RetentionCutoffs> CutoffsAsync(IHistorianStore store, HistorianOptions options, long now, CancellationToken cancellationToken)
    {
        static long? Before(long now, double days) => days > 0 ? now - (long)(days * 86_400_000) : null;
        var minuteWatermark = await store.WatermarkAsync(Resolution.Minute, cancellationToken);
        var hourWatermark = await store.WatermarkAsync(Resolution.Hour, cancellationToken);
        return new RetentionCutoffs(
            Min(Before(now, options.RawRetentionDays), minuteWatermark),
            Min(Before(now, options.MinuteRollupRetentionDays), hourWatermark),
            Before(now, options.HourRollupRetentionDays),
            Before(now, options.EventRetentionDays));
    }

    private static long? Min(long? cutoff, long? watermark) =>
        cutoff is { } c ? Math.Min(c, watermark ?? c) : null;
}
