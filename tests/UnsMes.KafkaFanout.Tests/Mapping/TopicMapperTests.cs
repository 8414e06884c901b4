using UnsMes.KafkaFanout.Mapping;

namespace UnsMes.KafkaFanout.Tests.Mapping;

public sealed class TopicMapperTests
{
    private static readonly TopicMapper Defaults = new(DefaultRoutes.All);

    [TestCase("uns/v1/acme/dayton/machining/line1/cnc01/_tag/spindle_temp", "uns.values")]
    [TestCase("uns/v1/acme/dayton/machining/line1/cnc01/_state", "uns.values")]
    [TestCase("uns/v1/acme/dayton/machining/line1/_oee/shift", "uns.values")]
    [TestCase("uns/v1/acme/dayton/machining/line1/cnc01/_event/fault", "uns.events")]
    [TestCase("uns/v1/acme/dayton/machining/line1/_consumption/WO-1", "uns.events")]
    [TestCase("uns/v1/acme/dayton/_workorder/WO-1", "uns.workorders")]
    [TestCase("uns/v1/acme/dayton/_master/product/P-1", "uns.workorders")]
    [TestCase("uns/v1/_status/oee", "uns.system")]
    public void Map_DefaultRoutes_SendEachContractSegmentToItsTopic(string mqttTopic, string kafkaTopic) =>
        Assert.That(Defaults.Map(mqttTopic).Topic, Is.EqualTo(kafkaTopic));

    [TestCase("spBv1.0/plant/NDATA/edge1")]
    [TestCase("uns/v1/acme/dayton/_unknownsegment")]
    [TestCase("uns/v1/acme/dayton/notracts")]
    public void Map_TopicNoRuleCovers_IsUnmappedWithAReason(string mqttTopic)
    {
        var route = Defaults.Map(mqttTopic);
        Assert.That(route.IsMapped, Is.False);
        Assert.That(route.Problem, Does.Contain("no Kafka route"));
    }

    [Test]
    public void Map_RulesInOrder_FirstMatchingRuleWinsAndFiltersNarrowIt()
    {
        var mapper = new TopicMapper(
        [
            new KafkaRouteRule { Topic = "rolling.values", Contracts = ["_tag"], Filters = ["uns/v1/acme/dayton/rolling/#"] },
            new KafkaRouteRule { Topic = "values", Contracts = ["_tag", "_state"] },
            new KafkaRouteRule { Topic = "everything-else" },
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(mapper.Map("uns/v1/acme/dayton/rolling/mill1/stand2/_tag/force").Topic, Is.EqualTo("rolling.values"));
            Assert.That(mapper.Map("uns/v1/acme/dayton/machining/line1/cnc01/_tag/temp").Topic, Is.EqualTo("values"));
            Assert.That(mapper.Map("uns/v1/acme/dayton/machining/line1/cnc01/_event/fault").Topic, Is.EqualTo("everything-else"));
            Assert.That(mapper.Map("anything/else").Topic, Is.EqualTo("everything-else"));
        });
    }

    [Test]
    public void Map_TemplatedTopic_TakesContractAndSiteFromTheUnsPath()
    {
        var mapper = new TopicMapper([new KafkaRouteRule { Topic = "{enterprise}.{site}.{contract}" }]);
        Assert.That(mapper.Map("uns/v1/acme/dayton/machining/line1/cnc01/_tag/temp").Topic, Is.EqualTo("acme.dayton.tag"));
        Assert.That(mapper.Map("uns/v1/_status/oee").IsMapped, Is.False, "no site in a root topic");
    }

    [TestCase("bad topic")]
    [TestCase("uns/values")]
    [TestCase("")]
    public void Create_RouteToAnIllegalKafkaTopic_IsRefusedAtStart(string topic) =>
        Assert.That(() => new TopicMapper([new KafkaRouteRule { Topic = topic }]), Throws.ArgumentException);

    [Test]
    public void Create_RouteWithAnIllegalFilter_IsRefusedAtStart() =>
        Assert.That(() => new TopicMapper([new KafkaRouteRule { Topic = "t", Filters = ["uns/#/x"] }]), Throws.ArgumentException);
}
