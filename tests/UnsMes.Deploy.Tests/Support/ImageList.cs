using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace UnsMes.Deploy.Tests.Support;

/// <summary>The one list of images (deploy/containers/images.props): project, repository, ports, and the tag.</summary>
internal sealed partial class ImageList
{
    public sealed record Image(string Project, string Repository, IReadOnlyList<int> Ports);

    private ImageList(string tag, IReadOnlyList<Image> images)
    {
        Tag = tag;
        Images = images;
    }

    public static ImageList Instance { get; } = Load();

    public string Tag { get; }

    public IReadOnlyList<Image> Images { get; }

    /// <summary>The Kubernetes name of an image's workload: its repository without the "unsmes/" prefix.</summary>
    public static string WorkloadName(Image image) => image.Repository[(image.Repository.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static ImageList Load()
    {
        var document = XDocument.Load(RepositoryRoot.Combine("deploy", "containers", "images.props"));
        var groups = document.Root!.Elements("PropertyGroup").ToList();
        var tag = groups.Select(g => g.Element("UnsMesImageTag")?.Value).Single(v => v is not null)!;
        var images = groups
            .Where(g => g.Element("UnsMesImageRepository") is not null)
            .Select(g => new Image(
                ProjectCondition().Match(g.Attribute("Condition")!.Value).Groups[1].Value,
                g.Element("UnsMesImageRepository")!.Value,
                [.. g.Element("UnsMesImagePorts")!.Value.Split(';').Select(int.Parse)]))
            .ToList();
        return new ImageList(tag, images);
    }

    [GeneratedRegex("MSBuildProjectName\\)' == '([A-Za-z.]+)'")]
    private static partial Regex ProjectCondition();
}
