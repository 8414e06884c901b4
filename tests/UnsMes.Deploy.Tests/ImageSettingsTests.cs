using System.Text.Json;
using UnsMes.Deploy.Tests.Support;

namespace UnsMes.Deploy.Tests;

/// <summary>
/// The container settings the SDK computes for each service project in this tree, without building an image:
/// name and tag from the image list, the chiseled base, a numeric non-root user, the ports the manifests use.
/// </summary>
public sealed class ImageSettingsTests
{
    private static IEnumerable<string> ServiceProjects() =>
        ImageList.Instance.Images
            .Select(i => i.Project)
            .Where(p => File.Exists(RepositoryRoot.Combine("services", p, p + ".csproj")));

    [TestCaseSource(nameof(ServiceProjects))]
    public async Task ContainerConfig_OfService_FollowsTheImageList(string project)
    {
        var image = ImageList.Instance.Images.Single(i => i.Project == project);
        var result = await Processes.RunAsync("dotnet", TimeSpan.FromMinutes(3), null,
            "msbuild", RepositoryRoot.Combine("services", project, project + ".csproj"), "-nologo",
            "-t:ComputeContainerConfig",
            "-getProperty:ContainerRepository", "-getProperty:ContainerImageTag", "-getProperty:ContainerBaseImage",
            "-getProperty:ContainerUser", "-getProperty:ContainerRuntimeIdentifier", "-getItem:ContainerPort",
            "-getItem:ContainerEnvironmentVariable");
        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Error);

        using var json = JsonDocument.Parse(result.Output);
        var properties = json.RootElement.GetProperty("Properties");
        string Property(string name) => properties.GetProperty(name).GetString()!;
        var items = json.RootElement.GetProperty("Items");
        var ports = items.GetProperty("ContainerPort").EnumerateArray().Select(p => int.Parse(p.GetProperty("Identity").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var environment = items.GetProperty("ContainerEnvironmentVariable").EnumerateArray()
            .ToDictionary(v => v.GetProperty("Identity").GetString()!, v => v.GetProperty("Value").GetString());
        Assert.Multiple(() =>
        {
            Assert.That(Property("ContainerRepository"), Is.EqualTo(image.Repository));
            Assert.That(Property("ContainerImageTag"), Is.EqualTo(ImageList.Instance.Tag));
            Assert.That(Property("ContainerBaseImage"), Does.StartWith("mcr.microsoft.com/dotnet/aspnet:").And.EndWith("-noble-chiseled"));
            Assert.That(Property("ContainerUser"), Is.EqualTo("1654"), "numeric, so Kubernetes can check runAsNonRoot");
            Assert.That(Property("ContainerRuntimeIdentifier"), Is.EqualTo("linux-x64"));
            Assert.That(ports, Is.EquivalentTo(image.Ports));
            Assert.That(environment.GetValueOrDefault("URLS"), Is.EqualTo("http://+:8080"));
        });
    }
}
