using UnsMes.Deploy.Tests.Support;

namespace UnsMes.Deploy.Tests;

/// <summary>The image list is the one place: the manifests' tags follow it and every service project is on it.</summary>
public sealed class ImageListTests
{
    [Test]
    public void ReleaseComponent_Images_MatchTheImageList()
    {
        var component = Yaml.ParseDocuments(File.ReadAllText(RepositoryRoot.Combine("deploy", "kubernetes", "components", "release", "kustomization.yaml"))).Single();
        var pinned = component["images"].Items.ToDictionary(i => i["name"].Text!, i => i["newTag"].Text);
        var expected = ImageList.Instance.Images
            .Where(i => ImageList.WorkloadName(i) != "plant")
            .ToDictionary(i => i.Repository, _ => (string?)ImageList.Instance.Tag);
        Assert.That(pinned, Is.EquivalentTo(expected));
    }

    [Test]
    public void ServiceProjects_Executable_AreAllOnTheImageList()
    {
        var executables = Directory.GetDirectories(RepositoryRoot.Combine("services"))
            .Where(dir => File.Exists(Path.Combine(dir, "Program.cs")))
            .Select(Path.GetFileName)
            .ToList();
        Assert.That(executables, Is.Not.Empty);
        Assert.That(ImageList.Instance.Images.Select(i => i.Project), Is.SupersetOf(executables));
    }

    [Test]
    public void ImageList_Ports_IncludeHttpAndTheBrokerListeners()
    {
        var images = ImageList.Instance.Images.ToDictionary(i => i.Project);
        Assert.Multiple(() =>
        {
            Assert.That(images.Values.Where(i => !i.Ports.Contains(8080)), Is.Empty);
            Assert.That(images["UnsMes.Broker"].Ports, Is.SupersetOf(new[] { 1883, 8883 }));
        });
    }
}
