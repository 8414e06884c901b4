using UnsMes.Deploy.Tests.Support;

namespace UnsMes.Deploy.Tests;

/// <summary>Every workload of every overlay: probes, resources, and a pod that runs non-root on a read-only root.</summary>
[TestFixtureSource(typeof(Plant), nameof(Plant.Overlays))]
public sealed class WorkloadSecurityTests(string overlay)
{
    [Test]
    public async Task Containers_OfOurServices_ProbeReadinessOnHealthAndLivenessOnAlive()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        Assert.Multiple(() =>
        {
            foreach (var workload in rendered.Workloads.Where(Plant.IsOurs))
            {
                foreach (var container in workload.Containers)
                {
                    var ports = container["ports"].Items.ToDictionary(p => p["name"].Text!, p => p["containerPort"].Text);
                    Assert.That(container["readinessProbe"]["httpGet"]["path"].Text, Is.EqualTo("/health"), $"{workload}: readiness");
                    Assert.That(container["livenessProbe"]["httpGet"]["path"].Text, Is.EqualTo("/alive"), $"{workload}: liveness");
                    foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
                    {
                        var port = container[probe]["httpGet"]["port"].Text!;
                        Assert.That(ports.GetValueOrDefault(port, port), Is.EqualTo("8080"), $"{workload}: {probe} port {port} is the HTTP port");
                    }
                }
            }
        });
    }

    [Test]
    public async Task Containers_All_HaveProbesAndCpuAndMemoryRequestsAndLimits()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        Assert.That(rendered.Workloads, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var workload in rendered.Workloads)
            {
                foreach (var container in workload.Containers)
                {
                    Assert.That(container["readinessProbe"].Exists && container["livenessProbe"].Exists, $"{workload}: probes");
                    foreach (var kind in new[] { "requests", "limits" })
                    {
                        foreach (var resource in new[] { "cpu", "memory" })
                        {
                            Assert.That(container["resources"][kind][resource].Text, Is.Not.Null.And.Not.Empty, $"{workload}: {kind}.{resource}");
                        }
                    }
                }
            }
        });
    }

    [Test]
    public async Task Pods_All_RunNonRootOnReadOnlyRootWithoutPrivilegeEscalation()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        Assert.Multiple(() =>
        {
            foreach (var workload in rendered.Workloads)
            {
                var pod = workload.PodSpec["securityContext"];
                Assert.That(workload.PodSpec["automountServiceAccountToken"].Text, Is.EqualTo("false"), $"{workload}: no API token");
                foreach (var container in workload.Containers)
                {
                    var own = container["securityContext"];
                    var nonRoot = own["runAsNonRoot"].Text ?? pod["runAsNonRoot"].Text;
                    var user = own["runAsUser"].Text ?? pod["runAsUser"].Text;
                    Assert.That(nonRoot, Is.EqualTo("true"), $"{workload}: runAsNonRoot");
                    Assert.That(user, Is.Not.Null.And.Not.EqualTo("0"), $"{workload}: a numeric non-root user");
                    Assert.That(own["readOnlyRootFilesystem"].Text, Is.EqualTo("true"), $"{workload}: read-only root file system");
                    Assert.That(own["allowPrivilegeEscalation"].Text, Is.EqualTo("false"), $"{workload}: no privilege escalation");
                    Assert.That(own["capabilities"]["drop"].Items.Select(i => i.Text), Does.Contain("ALL"), $"{workload}: capabilities dropped");
                    Assert.That((own["seccompProfile"]["type"].Text ?? pod["seccompProfile"]["type"].Text), Is.EqualTo("RuntimeDefault"), $"{workload}: seccomp");
                }
            }
        });
    }

    [Test]
    public async Task Pods_OfOurServices_MountWritableTmpAndUseNoHostPaths()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        Assert.Multiple(() =>
        {
            foreach (var workload in rendered.Workloads.Where(Plant.IsOurs))
            {
                var mounts = workload.Containers.First()["volumeMounts"].Items.Select(m => m["mountPath"].Text).ToList();
                Assert.That(mounts, Does.Contain("/tmp"), $"{workload}: /tmp is writable on a read-only root");
                Assert.That(workload.PodSpec["volumes"].Items.Where(v => v["hostPath"].Exists), Is.Empty, $"{workload}: no host paths");
            }
        });
    }

    [Test]
    public async Task DataPaths_InConfiguration_LieOnWritableMounts()
    {
        // Relative paths in appsettings.json resolve under /app, which is read-only: every configured file must
        // sit on a mounted volume.
        var rendered = await Rendered.OverlayAsync(overlay);
        Assert.Multiple(() =>
        {
            foreach (var workload in rendered.Workloads.Where(Plant.IsOurs))
            {
                var mounts = workload.Containers.First()["volumeMounts"].Items
                    .Where(m => m["readOnly"].Text != "true")
                    .Select(m => m["mountPath"].Text!.TrimEnd('/') + "/")
                    .ToList();
                var paths = References.Environment(rendered, workload)
                    .Where(e => e.Key.EndsWith("Path", StringComparison.Ordinal) || e.Key.EndsWith("DataDirectory", StringComparison.Ordinal))
                    .Where(e => !e.Key.EndsWith("WebSocketPath", StringComparison.Ordinal) && !e.Key.Contains("Certificate", StringComparison.Ordinal));
                foreach (var (key, path) in paths)
                {
                    Assert.That(mounts.Any(m => (path.TrimEnd('/') + "/").StartsWith(m, StringComparison.Ordinal)), $"{workload}: {key}={path} is on a writable volume ({string.Join(", ", mounts)})");
                }
            }
        });
    }
}
