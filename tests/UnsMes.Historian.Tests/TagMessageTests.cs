using System.Buffers;
using System.Text;
using UnsMes.Historian.Ingest;
using UnsMes.Historian.Model;
using UnsMes.Uns.Payloads;

namespace UnsMes.Historian.Tests;

/// <summary>The one-pass reader of <c>_tag</c> messages: what it stores and, word for word, what it refuses.</summary>
public class TagMessageTests
{
    private const string Tag = "uns/v1/acme/s1/a1/l1/c1/_tag/temperature";

    [Test]
    public void Read_FullMessage_TakesEveryField()
    {
        var point = Read("""{"v":1,"ts":1700000000123,"value":21.5,"unit":"degC","quality":"uncertain","historical":true,"source":{"opc":"ns=2;s=T"},"tags":[1,[2]]}""");

        Assert.That(point, Is.EqualTo(new HistoryPoint(Tag, 1700000000123, 99, TagKind.Number, 21.5, null, Quality.Uncertain, true, "degC")));
    }

    [Test]
    public void Read_BooleanAndText_KeepTheirKind()
    {
        Assert.That(Read("""{"ts":5,"value":true}"""), Is.EqualTo(new HistoryPoint(Tag, 5, 99, TagKind.Boolean, 1, null, Quality.Good, false)));
        Assert.That(Read("""{"ts":5,"value":false,"quality":"bad"}"""), Is.EqualTo(new HistoryPoint(Tag, 5, 99, TagKind.Boolean, 0, null, Quality.Bad, false)));
        Assert.That(Read("""{"ts":5,"value":"au\u0074o","unit":7}"""), Is.EqualTo(new HistoryPoint(Tag, 5, 99, TagKind.Text, 0, "auto", Quality.Good, false)));
    }

    [Test]
    public void Read_EscapedNamesAndRepeatedFields_CountByTheLastOccurrence()
    {
        var point = Read("""{"t\u0073":1,"ts":2,"value":"x","value":3,"historical":true,"historical":false,"unit":"a","unit":"b"}""");

        Assert.That(point, Is.EqualTo(new HistoryPoint(Tag, 2, 99, TagKind.Number, 3, null, Quality.Good, false, "b")));
    }

    [Test]
    public void Read_PayloadInSeveralSegments_ReadsLikeOne()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"ts":42,"value":12.25,"unit":"bar"}""");
        var first = new Segment(bytes.AsMemory(0, 9));
        var last = first.Append(bytes.AsMemory(9));

        var point = TagMessage.Read(Tag, new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length), 99, 1024);

        Assert.That(point, Is.EqualTo(new HistoryPoint(Tag, 42, 99, TagKind.Number, 12.25, null, Quality.Good, false, "bar")));
    }

    [TestCase("", "the payload is not JSON")]
    [TestCase("""{"ts":1,"value":2""", "the payload is not JSON")]
    [TestCase("""{"ts":1,"value":2} x""", "the payload is not JSON")]
    [TestCase("""{"ts":1,"value":2,}""", "the payload is not JSON")]
    [TestCase("""{"ts":"1","value":[1,}""", "the payload is not JSON")]
    [TestCase("""[1,2]""", "the payload is not a JSON object")]
    [TestCase("""12""", "the payload is not a JSON object")]
    [TestCase("""{"value":2}""", "$.ts: missing (the source timestamp, epoch ms)")]
    [TestCase("""{"ts":"1","value":2}""", "$.ts: missing (the source timestamp, epoch ms)")]
    [TestCase("""{"ts":1.5,"value":2}""", "$.ts: missing (the source timestamp, epoch ms)")]
    [TestCase("""{"ts":1,"quality":"meh"}""", "$.value: missing")]
    [TestCase("""{"ts":1,"value":2,"quality":"meh"}""", "$.quality: 'meh' is not good, uncertain or bad")]
    [TestCase("""{"ts":1,"value":{"a":1},"quality":"meh"}""", "$.quality: 'meh' is not good, uncertain or bad")]
    [TestCase("""{"ts":1,"value":1e999}""", "$.value: not a finite number (does not fit a 64-bit float)")]
    [TestCase("""{"ts":1,"value":{"a":[1]}}""", "$.value: a JSON object is not a value (number, boolean or string)")]
    [TestCase("""{"ts":1,"value":[1]}""", "$.value: a JSON array is not a value (number, boolean or string)")]
    [TestCase("""{"ts":1,"value":null}""", "$.value: a JSON null is not a value (number, boolean or string)")]
    [TestCase("""{"ts":1,"value":"a\u0000b"}""", "$.value: a string with a NUL character (U+0000) cannot be stored")]
    [TestCase("""{"ts":1,"value":"0123456789abcdefg"}""", "$.value: a string of 17 characters is longer than the historian keeps (16)")]
    public void Read_WhatCannotBeStored_IsRefusedWithTheReason(string payload, string reason)
    {
        var refused = Assert.Throws<RejectedMessageException>(() => Read(payload, maxStringLength: 16));

        Assert.That(refused!.Message, Does.StartWith(reason));
    }

    [Test]
    public void Read_NestedDeeperThanThirtyTwo_IsNotJson()
    {
        var deep = $$"""{"ts":1,"value":1,"x":{{new string('[', 40)}}{{new string(']', 40)}}}""";

        Assert.That(() => Read(deep), Throws.TypeOf<RejectedMessageException>().With.Message.StartsWith("the payload is not JSON"));
    }

    private static HistoryPoint Read(string payload, int maxStringLength = 1024) =>
        TagMessage.Read(Tag, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), 99, maxStringLength);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
