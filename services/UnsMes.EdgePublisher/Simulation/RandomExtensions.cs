namespace UnsMes.EdgePublisher.Simulation;

internal static class RandomExtensions
{
    /// <summary>An exponentially distributed sample: the time to the next event of a process with this mean.</summary>
    public static double NextExponential(this Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    /// <summary>A standard normal sample (Box-Muller).</summary>
    public static double NextGaussian(this Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
