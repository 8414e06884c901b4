using UnsMes.EdgePublisher.Sparkplug;
using UnsMes.Sparkplug;

namespace UnsMes.EdgePublisher.Tests.Sparkplug;

public class SparkplugTopicTests
{
    [Test]
    public void Node_LegalIds_BuildsNodeTopic()
    {
        var topic = SparkplugTopic.Node("acme-dayton", SparkplugMessageType.NBIRTH, "edge 01");

        Assert.That(topic.Value, Is.EqualTo("spBv1.0/acme-dayton/NBIRTH/edge 01"));
    }

    [Test]
    public void Device_LegalIds_BuildsDeviceTopic()
    {
        var topic = SparkplugTopic.Device("acme-dayton", SparkplugMessageType.DDATA, "edge-01", "cnc01");

        Assert.That(topic.ToString(), Is.EqualTo("spBv1.0/acme-dayton/DDATA/edge-01/cnc01"));
    }

    [Test]
    public void State_HostId_BuildsHostStateTopic()
    {
        Assert.That(SparkplugTopic.State("scada-1"), Is.EqualTo("spBv1.0/STATE/scada-1"));
    }

    [Test]
    public void CommandFilters_EdgeNode_CoverItsNcmdAndEveryDeviceDcmd()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SparkplugTopic.NodeCommandFilter("g", "e"), Is.EqualTo("spBv1.0/g/NCMD/e"));
            Assert.That(SparkplugTopic.DeviceCommandFilter("g", "e"), Is.EqualTo("spBv1.0/g/DCMD/e/+"));
        });
    }

    [TestCase("")]
    [TestCase("line/1")]
    [TestCase("line+1")]
    [TestCase("line#1")]
    [TestCase("+")]
    [TestCase("#")]
    public void Builders_IllegalId_Throw(string id)
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => SparkplugTopic.Node(id, SparkplugMessageType.NDATA, "edge"), Throws.ArgumentException, "group");
            Assert.That(() => SparkplugTopic.Node("group", SparkplugMessageType.NDATA, id), Throws.ArgumentException, "edge node");
            Assert.That(() => SparkplugTopic.Device("group", SparkplugMessageType.DDATA, "edge", id), Throws.ArgumentException, "device");
            Assert.That(() => SparkplugTopic.State(id), Throws.ArgumentException, "host");
            Assert.That(SparkplugTopic.Problem(id), Is.Not.Null);
        });
    }

    [Test]
    public void Builders_VerbOfTheOtherKind_Throw()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => SparkplugTopic.Node("g", SparkplugMessageType.DBIRTH, "e"), Throws.ArgumentException);
            Assert.That(() => SparkplugTopic.Device("g", SparkplugMessageType.NBIRTH, "e", "d"), Throws.ArgumentException);
        });
    }

    [TestCase("spBv1.0/g/NCMD/e", "NCMD", null)]
    [TestCase("spBv1.0/g/DCMD/e/press 01", "DCMD", "press 01")]
    public void TryParse_SparkplugTopic_ReturnsItsParts(string text, string verb, string? device)
    {
        Assert.That(SparkplugTopic.TryParse(text, out var topic), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(topic!.GroupId, Is.EqualTo("g"));
            Assert.That(topic.MessageType.ToString(), Is.EqualTo(verb));
            Assert.That(topic.EdgeNodeId, Is.EqualTo("e"));
            Assert.That(topic.DeviceId, Is.EqualTo(device));
            Assert.That(topic.Value, Is.EqualTo(text));
        });
    }

    [TestCase("spBv1.0/STATE/host")]
    [TestCase("spAv1.0/g/NCMD/e")]
    [TestCase("spBv1.0/g/ncmd/e")]
    [TestCase("spBv1.0/g/6/e")]
    [TestCase("spBv1.0/g/NCMD/e/device")]
    [TestCase("spBv1.0/g/DCMD/e")]
    [TestCase("spBv1.0//NCMD/e")]
    [TestCase("spBv1.0/g/DCMD/e/d/extra")]
    [TestCase("uns/v1/acme/dayton")]
    public void TryParse_NotAnEdgeNodeOrDeviceTopic_ReturnsFalse(string text)
    {
        Assert.That(SparkplugTopic.TryParse(text, out _), Is.False);
    }
}
