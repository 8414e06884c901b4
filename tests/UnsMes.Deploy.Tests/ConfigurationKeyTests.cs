using UnsMes.Deploy.Tests.Support;

namespace UnsMes.Deploy.Tests;

/// <summary>Every configuration key the manifests set is a real option of the service, with a value it accepts.</summary>
[TestFixtureSource(typeof(Plant), nameof(Plant.Overlays))]
public sealed class ConfigurationKeyTests(string overlay)
{
    [Test]
    public async Task Keys_InConfigMapsAndSecrets_BindToTheServicesOptions()
    {
        var rendered = await Rendered.OverlayAsync(overlay);
        var entries = rendered.OfKind("ConfigMap")
            .SelectMany(c => c["data"].Entries.Select(e => (Source: $"ConfigMap/{c["metadata"]["name"]}", e.Key, Value: e.Value.Text ?? "")))
            .Concat(rendered.OfKind("Secret").SelectMany(s => s["data"].Entries.Select(e =>
                (Source: $"Secret/{s["metadata"]["name"]}", e.Key, Value: System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(e.Value.Text ?? ""))))))
            .Concat(rendered.Workloads.SelectMany(w => w.Containers.SelectMany(c => c["env"].Items)
                .Where(v => v["value"].Exists)
                .Select(v => (Source: "env", Key: v["name"].Text!, Value: v["value"].Text!))))
            .ToList();
        var checkedKeys = entries.Count(e => OptionsKeys.Sections.ContainsKey(e.Key.Split("__")[0]) && e.Key.Contains("__", StringComparison.Ordinal));
        Assert.That(checkedKeys, Is.GreaterThan(20), "the broker's, OEE's, edge's and UNS client's keys are checked");
        Assert.Multiple(() =>
        {
            foreach (var (source, key, value) in entries)
            {
                Assert.That(OptionsKeys.Problem(key, value), Is.Null, source);
            }
        });
    }

    [Test]
    public void Problem_OfAMisspelledKey_IsReported()
    {
        // The checker itself: a typo and a bad enum value are caught, a list index and a good value pass.
        Assert.Multiple(() =>
        {
            Assert.That(OptionsKeys.Problem("Broker__DataDirectry", "/data"), Does.Contain("DataDirectry"));
            Assert.That(OptionsKeys.Problem("Oee__StateStore", "Redis"), Does.Contain("does not convert"));
            Assert.That(OptionsKeys.Problem("Broker__Users__0__Publish__1", "uns/v1/#"), Is.Null);
            Assert.That(OptionsKeys.Problem("Uns__Port", "1883"), Is.Null);
        });
    }
}
