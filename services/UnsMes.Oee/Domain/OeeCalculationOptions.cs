namespace UnsMes.Oee.Domain;

/// <summary>
/// How the OEE calculator classifies stops and when it closes windows. The service fills it from its own settings;
/// the calculator checks it once (<see cref="Validate"/>) and copies the values.
/// </summary>
public sealed class OeeCalculationOptions
{
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(1);

    /// <summary>A stop (down, idle, starved, blocked) shorter than this is a micro-stop: a performance loss.</summary>
    public TimeSpan MicroStopThreshold { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How long after its end a window still takes late data before its figures become final; at least the
    /// micro-stop threshold.
    /// </summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How far back state changes are kept so a late one can be inserted. Older data is refused; it must outlast the
    /// longest window (a day) plus the lateness, or a window could still be open when its history is gone.
    /// </summary>
    public TimeSpan HistoryHorizon { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that makes no sense.</summary>
    public void Validate()
    {
        if (MicroStopThreshold <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(MicroStopThreshold)} must be positive; got {MicroStopThreshold}.", nameof(MicroStopThreshold));
        }

        if (AllowedLateness < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(AllowedLateness)} must not be negative; got {AllowedLateness}.", nameof(AllowedLateness));
        }

        // A stop that starts just before a window ends is known to be long only after the threshold; the window must
        // still be open then, or it would keep the stop as a micro-stop while the next window books it as a loss.
        if (AllowedLateness < MicroStopThreshold)
        {
            throw new ArgumentException(
                $"{nameof(AllowedLateness)} ({AllowedLateness}) must not be shorter than {nameof(MicroStopThreshold)} ({MicroStopThreshold}).",
                nameof(AllowedLateness));
        }

        if (HistoryHorizon <= LongestWindow + AllowedLateness)
        {
            throw new ArgumentException(
                $"{nameof(HistoryHorizon)} ({HistoryHorizon}) must exceed a day plus {nameof(AllowedLateness)} ({AllowedLateness}).",
                nameof(HistoryHorizon));
        }
    }
}
