namespace UnsMes.Deploy.Tests.Support;

/// <summary>What the overlays must contain, derived from the image list so a new service cannot be forgotten.</summary>
internal static class Plant
{
    public const string Namespace = "unsmes";

    public static readonly string[] Overlays = ["dev", "production"];

    /// <summary>The all-in-one host is for one machine, not for Kubernetes.</summary>
    private const string AllInOne = "plant";

    /// <summary>The ERP-side simulator stands in for a real ERP in development only.</summary>
    public const string DevelopmentOnly = "reference-erp";

    /// <summary>Images that are not ours and may appear in an overlay, pinned to a version.</summary>
    public static readonly string[] ThirdPartyRepositories = ["otel/opentelemetry-collector-contrib"];

    public static IReadOnlyList<string> ServicesIn(string overlay) =>
        [.. ImageList.Instance.Images
            .Select(ImageList.WorkloadName)
            .Where(name => name != AllInOne)
            .Where(name => overlay == "dev" || name != DevelopmentOnly)];

    public static bool IsOurs(Workload workload) =>
        workload.Containers.All(c => c["image"].Text?.StartsWith("unsmes/", StringComparison.Ordinal) == true);
}
