namespace UnsMes.Sparkplug;

/// <summary>Metric names the specification gives a meaning to.</summary>
public static class SparkplugNodeControl
{
    /// <summary>Birth/death sequence number: ties an NDEATH to the NBIRTH of the same MQTT session.</summary>
    public const string BdSeq = "bdSeq";

    /// <summary>A host writes true here (NCMD) to ask for a fresh NBIRTH and all DBIRTHs.</summary>
    public const string Rebirth = "Node Control/Rebirth";

    public static bool IsReserved(string metricName) => metricName is BdSeq or Rebirth;
}
