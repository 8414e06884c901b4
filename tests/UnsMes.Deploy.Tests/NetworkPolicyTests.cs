using UnsMes.Deploy.Tests.Support;

namespace UnsMes.Deploy.Tests;

/// <summary>Default deny, DNS for all, and a policy of its own for every workload that opens only named ports.</summary>
[TestFixtureSource(typeof(Plant), nameof(Plant.Overlays))]
public sealed class NetworkPolicyTests(string overlay)
{
    [Test]
    public async Task Namespace_DeniesEverythingByDefaultAndAllowsDns()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var policies = rendered.OfKind("NetworkPolicy").ToList();
        var denyAll = policies.Where(p =>
            !p["spec"]["podSelector"].Entries.Any()
            && p["spec"]["policyTypes"].Items.Select(t => t.Text).Order().SequenceEqual(["Egress", "Ingress"])
            && !p["spec"]["ingress"].Items.Any() && !p["spec"]["egress"].Items.Any());
        var dns = policies.Where(p => !p["spec"]["podSelector"].Entries.Any()
            && p["spec"]["egress"].Items.Any(rule => rule["ports"].Items.Any(port => port["port"].Text == "53")));
        Assert.Multiple(() =>
        {
            Assert.That(denyAll, Is.Not.Empty, "a default-deny policy for every pod");
            Assert.That(dns, Is.Not.Empty, "DNS allowed for every pod");
        });
    }

    [Test]
    public async Task Workloads_Each_HaveAPolicyOfTheirOwn()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var selected = rendered.OfKind("NetworkPolicy")
            .Select(p => p["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/name"].Text)
            .ToHashSet();
        Assert.That(selected, Is.SupersetOf(rendered.Workloads.Select(w => w.Name)));
    }

    [Test]
    public async Task Rules_All_OpenOnlyNamedPorts()
    {
        // "Reaches only the broker, its store and what it needs": no rule may open every port.
        var rendered = await Rendered.OverlayAsync(overlay);
        Assert.Multiple(() =>
        {
            foreach (var policy in rendered.OfKind("NetworkPolicy"))
            {
                foreach (var rule in policy["spec"]["ingress"].Items.Concat(policy["spec"]["egress"].Items))
                {
                    Assert.That(rule["ports"].Items, Is.Not.Empty, $"NetworkPolicy/{policy["metadata"]["name"]}: a rule without ports opens everything");
                }
            }
        });
    }

    [Test]
    public async Task MqttClients_ReachTheBrokerOnItsMqttPorts_AndTheBrokerAdmitsThem()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var policies = rendered.OfKind("NetworkPolicy").ToList();
        var egressToBroker = policies.Where(p => p["spec"]["podSelector"]["matchLabels"]["unsmes.io/mqtt-client"].Text == "true")
            .SelectMany(p => p["spec"]["egress"].Items)
            .Where(rule => rule["to"].Items.Any(to => to["podSelector"]["matchLabels"]["app.kubernetes.io/name"].Text == "broker"))
            .SelectMany(rule => rule["ports"].Items.Select(port => port["port"].Text))
            .ToList();
        var brokerIngressFromClients = policies.Where(p => p["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/name"].Text == "broker")
            .SelectMany(p => p["spec"]["ingress"].Items)
            .Where(rule => rule["from"].Items.Any(from => from["podSelector"]["matchLabels"]["unsmes.io/mqtt-client"].Text == "true"))
            .SelectMany(rule => rule["ports"].Items.Select(port => port["port"].Text))
            .ToList();
        var clients = rendered.Workloads.Where(w => w.PodLabel("unsmes.io/mqtt-client") == "true").Select(w => w.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(clients, Is.SupersetOf(Plant.ServicesIn(overlay).Except(["broker", Plant.DevelopmentOnly])), "every service but the broker and the ERP simulator speaks MQTT");
            Assert.That(egressToBroker, Does.Contain("1883"));
            Assert.That(brokerIngressFromClients, Does.Contain("1883"));
        });
    }
}
