using System.Diagnostics;
using System.Net.Http;
using UnsMes.Deploy.Tests.Support;

namespace UnsMes.Deploy.Tests;

/// <summary>
/// Builds the broker's image as a tarball with deploy/build-images.sh, reads its manifest, and runs it: its layers
/// unpacked into a root of their own, its entrypoint started as its user, answering its health endpoints.
/// No Docker daemon and no registry on the internet: the base image is assembled from the distribution's packages
/// and the installed .NET runtime and served from a loopback registry (deploy/containers/offline-base-image.sh).
/// </summary>
[NonParallelizable]
public sealed class ImageTarballTests
{
    private const string Project = "UnsMes.Broker";
    private string _work = "";
    private OciImage? _image;

    [OneTimeSetUp]
    public async Task BuildBrokerImage()
    {
        if (Processes.Find("docker-registry") is null)
        {
            Assert.Ignore("no container registry is reachable here to pull the .NET base image, and the Debian package docker-registry that serves the offline base is not installed (apt-get install docker-registry)");
        }

        _work = Directory.CreateTempSubdirectory("unsmes-image-").FullName;
        var build = await Processes.RunAsync(RepositoryRoot.Combine("deploy", "build-images.sh"), TimeSpan.FromMinutes(8), null,
            "--offline-base", "--output", Path.Combine(_work, "images"), Project);
        Assert.That(build.ExitCode, Is.Zero, "build-images.sh failed:\n" + build.Output + build.Error);
        _image = await OciImage.ExtractAsync(Path.Combine(_work, "images", Project + ".tar.gz"), Path.Combine(_work, "oci"));
    }

    [OneTimeTearDown]
    public void RemoveWork()
    {
        if (_work.Length > 0)
        {
            // The root file system of the run test is owned by the image's user; unmounted when its process ended.
            Directory.Delete(_work, recursive: true);
        }
    }

    [Test]
    public void Manifest_OfBrokerImage_StartsTheBrokerAsTheNonRootUserWithItsPorts()
    {
        var image = _image!;
        var command = image.Entrypoint.Concat(image.Cmd).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(command, Is.EqualTo(new[] { "dotnet", "/app/UnsMes.Broker.dll" }).Or.EqualTo(new[] { "/app/UnsMes.Broker" }));
            Assert.That(image.User, Is.EqualTo("1654"));
            Assert.That(image.WorkingDir?.TrimEnd('/'), Is.EqualTo("/app"));
            Assert.That(image.ExposedPorts, Is.EquivalentTo(new[] { "8080/tcp", "1883/tcp", "8883/tcp" }));
            Assert.That(image.Environment.GetValueOrDefault("URLS"), Is.EqualTo("http://+:8080"));
            Assert.That(image.Layers, Has.Count.EqualTo(2), "the base and the application");
        });
    }

    [Test]
    public async Task Entrypoint_OfBrokerImage_ServesHealthAsTheImageUser()
    {
        if (Environment.UserName != "root" || Processes.Find("unshare") is null || Processes.Find("chroot") is null)
        {
            Assert.Ignore("running the image without a container runtime needs root, unshare and chroot (to mount /proc and enter the image's root)");
        }

        var image = _image!;
        var root = Path.Combine(_work, "rootfs");
        Directory.CreateDirectory(root);
        foreach (var layer in image.Layers)
        {
            var untar = await Processes.RunAsync("tar", TimeSpan.FromMinutes(2), null, "-xzf", layer, "-C", root);
            Assert.That(untar.ExitCode, Is.Zero, untar.Error);
        }

        Directory.CreateDirectory(Path.Combine(root, "proc"));
        Directory.CreateDirectory(Path.Combine(root, "dev"));
        var http = FreePort.Next();
        var mqtt = FreePort.Next();
        var command = string.Join(' ', image.Entrypoint.Concat(image.Cmd).Select(a => $"'{a}'"));
        var info = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--mount", "--fork", "--kill-child", "/bin/sh", "-c",
            $"mount -t proc proc '{root}/proc' && mount --rbind /dev '{root}/dev' && exec chroot --userspec={image.User}:{image.User} '{root}' {command}" })
        {
            info.ArgumentList.Add(argument);
        }

        // The image's own environment, as a runtime would set it, then what this run needs.
        info.Environment.Clear();
        foreach (var (key, value) in image.Environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["URLS"] = $"http://127.0.0.1:{http}";
        info.Environment["ASPNETCORE_CONTENTROOT"] = image.WorkingDir ?? "/app"; // chroot starts in /, a runtime in WorkingDir
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["Broker__AllowAnonymous"] = "true";
        info.Environment["Broker__BindAddress"] = "127.0.0.1";
        info.Environment["Broker__TcpPort"] = mqtt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Broker__DataDirectory"] = "/tmp/data";

        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var alive = await WaitForAsync(client, $"http://127.0.0.1:{http}/alive", process, TimeSpan.FromSeconds(60));
            string Output() { lock (output) { return output.ToString(); } }
            Assert.That(alive, Is.True, "the broker never answered /alive:\n" + Output());
            var health = await client.GetStringAsync(new Uri($"http://127.0.0.1:{http}/health"));
            var user = UserOfChild(process.Id);
            Assert.Multiple(() =>
            {
                Assert.That(health, Is.EqualTo("Healthy"));
                Assert.That(user, Is.EqualTo(image.User), "the broker process runs as the image's user");
                Assert.That(File.Exists(Path.Combine(root, "tmp", "data", "retained.db")), "retained state written to the data directory");
            });
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<bool> WaitForAsync(HttpClient client, string url, Process process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(url));
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>The real user id of the process unshare forked (the image's entrypoint after exec).</summary>
    private static string? UserOfChild(int parent)
    {
        foreach (var dir in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var status = File.ReadAllLines(Path.Combine(dir, "status"));
                if (status.Any(l => l == $"PPid:\t{parent}"))
                {
                    return status.Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1];
                }
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
        }

        return null;
    }
}
