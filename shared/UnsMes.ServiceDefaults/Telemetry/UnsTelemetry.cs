using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace UnsMes.ServiceDefaults.Telemetry;

/// <summary>
/// Names of the activity sources and meters every UnsMes component writes to; the service defaults subscribe to
/// all names that start with <see cref="Prefix"/>.
/// </summary>
public static class UnsTelemetry
{
    public const string Prefix = "UnsMes.";

    public const string UnsClientSourceName = "UnsMes.Uns.Client";

    public static readonly ActivitySource UnsClientSource = new(UnsClientSourceName);

    public static readonly Meter UnsClientMeter = new(UnsClientSourceName);
}
