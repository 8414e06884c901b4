using UnsMes.Deploy.Tests.Support;

namespace UnsMes.Deploy.Tests;

/// <summary>Every overlay is complete: its services, images, Secrets, ConfigMaps and namespace line up.</summary>
[TestFixtureSource(typeof(Plant), nameof(Plant.Overlays))]
public sealed class ReferenceTests(string overlay)
{
    [Test]
    public async Task Overlay_EveryService_HasItsWorkload()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        Assert.That(rendered.Workloads.Select(w => w.Name), Is.SupersetOf(Plant.ServicesIn(overlay)));
    }

    [Test]
    public async Task Images_OfOurServices_ComeFromTheImageListWithItsTag()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var list = ImageList.Instance;
        var repositories = list.Images.Select(i => i.Repository).ToHashSet();
        Assert.Multiple(() =>
        {
            foreach (var workload in rendered.Workloads)
            {
                foreach (var image in workload.Containers.Select(c => c["image"].Text!))
                {
                    var colon = image.LastIndexOf(':');
                    Assert.That(colon, Is.GreaterThan(0), $"{workload}: {image} has a tag");
                    var (repository, tag) = (image[..colon], image[(colon + 1)..]);
                    if (Plant.ThirdPartyRepositories.Contains(repository))
                    {
                        Assert.That(tag, Does.Match(@"^\d+\.\d+\.\d+$"), $"{workload}: {image} pinned to a version");
                        continue;
                    }

                    Assert.That(repositories, Does.Contain(repository), $"{workload}: {image} is in deploy/containers/images.props");
                    Assert.That(tag, Is.EqualTo(list.Tag), $"{workload}: {image} carries the release tag");
                    Assert.That(repository, Is.EqualTo("unsmes/" + workload.Name), $"{workload}: runs its own image");
                }
            }
        });
    }

    [Test]
    public async Task References_ToSecretsAndConfigMaps_ResolveInTheRender()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var secrets = References.Secrets(rendered);
        var maps = References.ConfigMaps(rendered);
        var references = References.Of(rendered).ToList();
        Assert.That(references.Count(r => r.Kind == "Secret"), Is.GreaterThan(0));
        Assert.Multiple(() =>
        {
            foreach (var reference in references.Where(r => !r.Optional))
            {
                if (reference.Kind == "Secret")
                {
                    Assert.That(secrets.ContainsKey(reference.Name), $"{reference.From}: Secret {reference.Name} exists");
                    if (reference.Key is not null && secrets.TryGetValue(reference.Name, out var keys) && keys is not null)
                    {
                        Assert.That(keys, Does.Contain(reference.Key), $"{reference.From}: Secret {reference.Name} has key {reference.Key}");
                    }
                }
                else
                {
                    Assert.That(maps.ContainsKey(reference.Name), $"{reference.From}: ConfigMap {reference.Name} exists");
                    if (reference.Key is not null && maps.TryGetValue(reference.Name, out var keys))
                    {
                        Assert.That(keys, Does.Contain(reference.Key), $"{reference.From}: ConfigMap {reference.Name} has key {reference.Key}");
                    }
                }
            }
        });
    }

    [Test]
    public async Task Services_ThatSpeakMqtt_HaveCredentialsForTheBroker()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var brokerUsers = rendered.OfKind("Secret").Single(s => s["metadata"]["name"].Text!.StartsWith("broker-users", StringComparison.Ordinal));
        var usernames = brokerUsers["data"].Entries
            .Where(e => e.Key.EndsWith("__Username", StringComparison.Ordinal))
            .Select(e => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(e.Value.Text!)))
            .ToHashSet();
        var secrets = rendered.OfKind("Secret").ToDictionary(s => s["metadata"]["name"].Text!, s => s["data"]);
        Assert.Multiple(() =>
        {
            foreach (var workload in rendered.Workloads.Where(w => w.PodLabel("unsmes.io/mqtt-client") == "true"))
            {
                var credentials = workload.Containers.First()["envFrom"].Items
                    .Select(s => s["secretRef"]["name"].Text)
                    .OfType<string>()
                    .Select(name => secrets[name]["Uns__Username"].Text)
                    .OfType<string>()
                    .Select(encoded => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded)))
                    .ToList();
                Assert.That(credentials, Has.Count.EqualTo(1), $"{workload}: one Secret with Uns__Username");
                Assert.That(usernames, Is.SupersetOf(credentials), $"{workload}: its user is a broker account");
            }
        });
    }

    [Test]
    public async Task Resources_Namespaced_AllLiveInThePlantNamespace()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var clusterScoped = new[] { "Namespace" };
        Assert.Multiple(() =>
        {
            foreach (var resource in rendered.Resources.Where(r => !clusterScoped.Contains(r["kind"].Text)))
            {
                Assert.That(resource["metadata"]["namespace"].Text, Is.EqualTo(Plant.Namespace), $"{resource["kind"]}/{resource["metadata"]["name"]}");
            }
        });
    }

    [Test]
    public async Task Workloads_Each_HaveADisruptionBudgetSelectingThem()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var budgets = rendered.OfKind("PodDisruptionBudget")
            .Select(p => p["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"].Text)
            .ToHashSet();
        Assert.That(budgets, Is.SupersetOf(rendered.Workloads.Select(w => w.Name)));
    }

    [Test]
    public async Task Broker_IsAStatefulSetWithAVolumeForRetainedStateAndItsPorts()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var broker = rendered.Workloads.Single(w => w.Name == "broker");
        var dataDirectory = References.Environment(rendered, broker)["Broker__DataDirectory"];
        var claims = broker.Resource["spec"]["volumeClaimTemplates"].Items.Select(c => c["metadata"]["name"].Text).ToList();
        var mount = broker.Containers.First()["volumeMounts"].Items.Single(m => m["mountPath"].Text == dataDirectory);
        var servicePorts = rendered.OfKind("Service").Single(s => s["metadata"]["name"].Text == "broker")["spec"]["ports"].Items.Select(p => p["port"].Text);
        Assert.Multiple(() =>
        {
            Assert.That(broker.Kind, Is.EqualTo("StatefulSet"));
            Assert.That(claims, Does.Contain(mount["name"].Text), "retained.db lives on the claim");
            Assert.That(servicePorts, Is.SupersetOf(new[] { "1883", "8883", "8080" }), "MQTT, MQTT over TLS, HTTP with WebSocket");
        });
    }
}
