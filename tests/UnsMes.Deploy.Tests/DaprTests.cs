using UnsMes.Deploy.Tests.Support;

namespace UnsMes.Deploy.Tests;

/// <summary>Dapr resources are scoped to apps that exist, and every service configured for Dapr has its sidecar.</summary>
[TestFixtureSource(typeof(Plant), nameof(Plant.Overlays))]
public sealed class DaprTests(string overlay)
{
    private static readonly string[] DaprResourceKinds = ["Component", "HTTPEndpoint"];

    [Test]
    public async Task DaprResources_Each_AreScopedToAppsWithASidecar()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var appIds = SidecarApps(rendered).Values.ToHashSet();
        Assert.Multiple(() =>
        {
            foreach (var resource in rendered.Resources.Where(r => DaprResourceKinds.Contains(r["kind"].Text)))
            {
                var scopes = resource["scopes"].Items.Select(s => s.Text!).ToList();
                var name = $"{resource["kind"]}/{resource["metadata"]["name"]}";
                Assert.That(scopes, Is.Not.Empty, $"{name} is scoped");
                Assert.That(appIds, Is.SupersetOf(scopes), $"{name}: every scoped app id runs with a sidecar");
            }
        });
    }

    [Test]
    public async Task Services_ConfiguredForDapr_RunWithASidecarThatSeesTheirComponent()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var sidecars = SidecarApps(rendered);
        var scopes = rendered.Resources.Where(r => DaprResourceKinds.Contains(r["kind"].Text))
            .ToDictionary(r => r["metadata"]["name"].Text!, r => r["scopes"].Items.Select(s => s.Text).ToHashSet());
        Assert.Multiple(() =>
        {
            foreach (var workload in rendered.Workloads)
            {
                var environment = References.Environment(rendered, workload);
                var uses = DaprResourcesUsed(environment).ToList();
                if (uses.Count == 0)
                {
                    continue;
                }

                Assert.That(sidecars.TryGetValue(workload.Name, out var appId), $"{workload} is configured for Dapr but has no sidecar");
                foreach (var used in uses)
                {
                    Assert.That(scopes.TryGetValue(used, out var apps) && apps.Contains(appId), $"{workload} uses Dapr resource '{used}', which must exist and be scoped to '{appId}'");
                }

                Assert.That(workload.PodAnnotation("dapr.io/app-port"), Is.EqualTo("8080"), $"{workload}: app port");
            }
        });
    }

    /// <summary>Workload name -> Dapr app id, for the workloads whose pods get a sidecar.</summary>
    private static Dictionary<string, string?> SidecarApps(Rendered rendered) =>
        rendered.Workloads
            .Where(w => w.PodAnnotation("dapr.io/enabled") == "true")
            .ToDictionary(w => w.Name, w => w.PodAnnotation("dapr.io/app-id"));

    /// <summary>The Dapr resources a service's configuration names (the real option keys of each service).</summary>
    private static IEnumerable<string> DaprResourcesUsed(Dictionary<string, string> environment)
    {
        if (environment.GetValueOrDefault("Oee__StateStore") == "Dapr")
        {
            yield return environment.GetValueOrDefault("Oee__DaprStateStoreName", "statestore");
        }

        if (environment.GetValueOrDefault("Wip__StateStore") == "Dapr")
        {
            yield return environment.GetValueOrDefault("Wip__DaprStateStoreName", "statestore");
        }

        if (environment.GetValueOrDefault("ErpBridge__Adapter") == "Dapr")
        {
            yield return environment.GetValueOrDefault("ErpBridge__Dapr__AppId", "erp");
            yield return environment.GetValueOrDefault("ErpBridge__Dapr__SecretStore", "secretstore");
        }
    }
}
