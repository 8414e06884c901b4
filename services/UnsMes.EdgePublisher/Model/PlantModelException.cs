namespace UnsMes.EdgePublisher.Model;

/// <summary>A plant model that cannot be used, with every problem found as "file:line:column: field: what is wrong".</summary>
public sealed class PlantModelException : Exception
{
    public PlantModelException()
    {
    }

    public PlantModelException(string message)
        : base(message)
    {
    }

    public PlantModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PlantModelException(string file, IReadOnlyList<string> problems)
        : base($"The plant model {file} has {problems.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; } = [];
}
