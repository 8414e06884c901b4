namespace UnsMes.EdgePublisher.Model;

/// <summary>Finds the plant model to run: the configured file, or the demo plant built into this assembly.</summary>
public static class PlantModelSource
{
    public const string DemoResource = "UnsMes.EdgePublisher.demo-plant.yaml";

    public static PlantModel Load(string? path, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            return PlantModelLoader.LoadFile(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
        }

        using var stream = typeof(PlantModelSource).Assembly.GetManifestResourceStream(DemoResource)
            ?? throw new InvalidOperationException($"The demo plant resource {DemoResource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return PlantModelLoader.Load(reader.ReadToEnd(), "demo-plant.yaml");
    }
}
