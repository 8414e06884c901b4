using UnsMes.Deploy.Tests.Support;

namespace UnsMes.Deploy.Tests;

/// <summary>What distinguishes the overlays: embedded stores in development, PostgreSQL, Kafka, Dapr and scale in production.</summary>
public sealed class OverlayShapeTests
{
    [Test]
    public async Task Dev_RunsOneReplicaEachOnEmbeddedStoresWithTheReferenceErp()
    {
        var rendered = await Rendered.OverlayAsync("dev");
        var environment = rendered.Workloads.ToDictionary(w => w.Name, w => References.Environment(rendered, w));
        Assert.Multiple(() =>
        {
            Assert.That(rendered.Workloads.Where(w => w.Replicas != 1), Is.Empty, "one replica each");
            Assert.That(rendered.Workloads.Where(w => w.PodAnnotation("dapr.io/enabled") is not null), Is.Empty, "no Dapr");
            Assert.That(environment["historian"]["Historian__Store"], Is.EqualTo("Sqlite"));
            Assert.That(environment["oee"]["Oee__StateStore"], Is.EqualTo("File"));
            Assert.That(environment["erp-bridge"]["ErpBridge__Adapter"], Is.EqualTo("Rest"));
            Assert.That(environment["erp-bridge"]["ErpBridge__Rest__BaseUrl"], Does.StartWith("http://reference-erp:8080/"));
            Assert.That(rendered.NamesOf("Service"), Does.Contain("reference-erp"));
            Assert.That(environment["kafka-fanout"]["Kafka__BootstrapServers"], Is.Empty, "the fan-out is off without Kafka");
        });
    }

    [Test]
    public async Task Production_UsesPostgresKafkaDaprAndScalesTheSharedSubscribers()
    {
        var rendered = await Rendered.OverlayAsync("production");
        var workloads = rendered.Workloads.ToDictionary(w => w.Name);
        var environment = rendered.Workloads.ToDictionary(w => w.Name, w => References.Environment(rendered, w));
        var historianSecrets = workloads["historian"].Containers.First()["env"].Items
            .Where(v => v["name"].Text == "Historian__PostgresConnectionString")
            .Select(v => v["valueFrom"]["secretKeyRef"]["name"].Text);
        var autoscaled = rendered.OfKind("HorizontalPodAutoscaler")
            .ToDictionary(h => h["spec"]["scaleTargetRef"]["name"].Text!, h => int.Parse(h["spec"]["minReplicas"].Text!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Multiple(() =>
        {
            foreach (var scaled in new[] { "historian", "kafka-fanout" })
            {
                Assert.That(workloads[scaled].Replicas, Is.GreaterThan(1), $"{scaled} replicas");
                Assert.That(autoscaled.GetValueOrDefault(scaled), Is.GreaterThan(1), $"{scaled} autoscaler floor");
            }

            Assert.That(environment["historian"]["Historian__Store"], Is.EqualTo("Postgres"));
            Assert.That(environment["historian"]["Historian__Filters__0"], Does.StartWith("$share/historian/"));
            Assert.That(historianSecrets, Has.Exactly(1).Not.Null, "the connection string comes from a Secret");
            Assert.That(environment["kafka-fanout"]["Kafka__BootstrapServers"], Is.Not.Empty);
            Assert.That(environment["kafka-fanout"]["Kafka__ShareGroup"], Is.Not.Empty);
            foreach (var app in new[] { "oee", "wip", "erp-bridge" })
            {
                Assert.That(workloads[app].PodAnnotation("dapr.io/enabled"), Is.EqualTo("true"), $"{app} sidecar");
                Assert.That(workloads[app].PodAnnotation("dapr.io/app-id"), Is.EqualTo(app), $"{app} app id");
                Assert.That(rendered.NamesOf("Configuration"), Does.Contain(workloads[app].PodAnnotation("dapr.io/config")), $"{app} Dapr configuration");
            }

            Assert.That(rendered.NamesOf("Service").Concat(rendered.NamesOf("Deployment")), Does.Not.Contain("reference-erp"), "no ERP simulator in production");
            Assert.That(rendered.NamesOf("PrometheusRule"), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Production_SendsTelemetryToItsCollector()
    {
        var rendered = await Rendered.OverlayAsync("production");
        var endpoint = new Uri(References.Environment(rendered, rendered.Workloads.Single(w => w.Name == "oee"))["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var collector = rendered.OfKind("Service").Single(s => s["metadata"]["name"].Text == endpoint.Host);
        Assert.Multiple(() =>
        {
            Assert.That(collector["spec"]["ports"].Items.Select(p => p["port"].Text), Does.Contain(endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(rendered.Workloads.Select(w => w.Name), Does.Contain("otel-collector"));
        });
    }
}
