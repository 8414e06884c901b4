using System.Collections.Concurrent;

namespace UnsMes.Deploy.Tests.Support;

/// <summary>An overlay rendered by <c>kubectl kustomize</c>, as its resources.</summary>
internal sealed class Rendered
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Rendered>>> Cache = new();

    private Rendered(string overlay, IReadOnlyList<Yaml> resources)
    {
        Overlay = overlay;
        Resources = resources;
        Workloads = [.. resources.Where(r => r["kind"].Text is "Deployment" or "StatefulSet").Select(r => new Workload(r))];
    }

    public string Overlay { get; }

    public IReadOnlyList<Yaml> Resources { get; }

    public IReadOnlyList<Workload> Workloads { get; }

    public IEnumerable<Yaml> OfKind(string kind) => Resources.Where(r => r["kind"].Text == kind);

    public IEnumerable<string> NamesOf(string kind) => OfKind(kind).Select(r => r["metadata"]["name"].Text!);

    /// <summary>
    /// Renders the overlay once per test run. Reports the test skipped when kubectl is not installed: the render
    /// is what is under test, and nothing else can produce it.
    /// </summary>
    public static Task<Rendered> OverlayAsync(string overlay)
    {
        if (Processes.Find("kubectl") is null)
        {
            Assert.Ignore("kubectl is not installed (it renders the kustomize overlays); install kubectl to run this test.");
        }

        return Cache.GetOrAdd(overlay, name => new Lazy<Task<Rendered>>(() => RenderAsync(name))).Value;
    }

    private static async Task<Rendered> RenderAsync(string overlay)
    {
        var dir = RepositoryRoot.Combine("deploy", "kubernetes", "overlays", overlay);
        var result = await Processes.RunAsync("kubectl", TimeSpan.FromSeconds(120), null, "kustomize", dir).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {overlay} failed ({result.ExitCode}): {result.Error}");
        }

        return new Rendered(overlay, Yaml.ParseDocuments(result.Output));
    }
}

/// <summary>A Deployment or StatefulSet and the parts of its pod the checks read.</summary>
internal sealed class Workload(Yaml resource)
{
    public Yaml Resource { get; } = resource;

    public string Kind => Resource["kind"].Text!;

    public string Name => Resource["metadata"]["name"].Text!;

    public Yaml PodMetadata => Resource["spec"]["template"]["metadata"];

    public Yaml PodSpec => Resource["spec"]["template"]["spec"];

    public IEnumerable<Yaml> Containers => PodSpec["containers"].Items;

    public int Replicas => int.TryParse(Resource["spec"]["replicas"].Text, out var replicas) ? replicas : 1;

    public string? PodLabel(string key) => PodMetadata["labels"][key].Text;

    public string? PodAnnotation(string key) => PodMetadata["annotations"][key].Text;

    public override string ToString() => $"{Kind}/{Name}";
}
