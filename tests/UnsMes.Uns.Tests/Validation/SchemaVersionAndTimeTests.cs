using System.Buffers;
using System.Text;
using UnsMes.Uns.Tests.Examples;
using UnsMes.Uns.Validation;
using static UnsMes.Uns.Tests.Examples.ContractExamples;

namespace UnsMes.Uns.Tests.Validation;

/// <summary>The schema version and the source timestamp every payload carries.</summary>
public class SchemaVersionAndTimeTests
{
    [TestCase(2)]
    [TestCase(0)]
    [TestCase(-1)]
    public void Validate_UnsupportedSchemaVersion_SaysWhichVersionsAreRead(int version) =>
        Assert.That(
            Check.Message(TagTopic, Tag.With("v", version)).Problem,
            Is.EqualTo($"$.v: schema version {version} is not supported (this build reads 1 to 1)"));

    [Test]
    public void Validate_TimestampInSeconds_SuggestsMilliseconds() =>
        Assert.That(
            Check.Message(TagTopic, Tag.With("ts", 1741614530)).Problem,
            Is.EqualTo("$.ts: 1741614530 is not a UTC epoch-millisecond timestamp after 2000-01-01 (seconds instead of milliseconds?)"));

    [Test]
    public void Validate_TimestampAt2000_01_01_IsValid() =>
        Assert.That(Check.Message(TagTopic, Tag.With("ts", 946_684_800_000)).IsValid, Is.True);

    [Test]
    public void Validate_TimestampJustBefore2000_01_01_IsInvalid() =>
        Assert.That(
            Check.Message(TagTopic, Tag.With("ts", 946_684_799_999)).Problem,
            Does.StartWith("$.ts: 946684799999 is not a UTC epoch-millisecond timestamp after 2000-01-01"));

    [Test]
    public void Validate_TimestampTenMinutesAhead_SaysHowFarAndTheTolerance() =>
        Assert.That(
            Check.Message(TagTopic, Tag.With("ts", PlantClock.Now + (10 * PlantClock.Minute))).Problem,
            Is.EqualTo("$.ts: 2025-03-10T14:10:00.0000000+00:00 is 600 s in the future (tolerance 300 s; is the source clock right?)"));

    [Test]
    public void Validate_TimestampOneMinuteAhead_IsValid() =>
        Assert.That(Check.Message(TagTopic, Tag.With("ts", PlantClock.Now + PlantClock.Minute)).IsValid, Is.True);

    [Test]
    public void Validate_TimestampExactlyAtTheTolerance_IsValid() =>
        Assert.That(Check.Message(TagTopic, Tag.With("ts", PlantClock.Now + (5 * PlantClock.Minute))).IsValid, Is.True);

    [Test]
    public void Validate_TimestampOneMillisecondBeyondTheTolerance_IsInvalid() =>
        Assert.That(
            Check.Message(TagTopic, Tag.With("ts", PlantClock.Now + (5 * PlantClock.Minute) + 1)).Problem,
            Does.Contain("is 300 s in the future (tolerance 300 s;"));

    [Test]
    public void Validate_ClockMovedOnTenMinutes_AcceptsWhatWasTooEarlyBefore()
    {
        var clock = PlantClock.Create();
        var payload = Tag.With("ts", PlantClock.Now + (10 * PlantClock.Minute));
        Assert.That(Check.Message(TagTopic, payload, clock).IsValid, Is.False);

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.That(Check.Message(TagTopic, payload, clock).IsValid, Is.True);
    }

    [Test]
    public void Validate_CustomTolerance_IsUsedInTheCheckAndTheMessage()
    {
        var validator = new UnsPayloadValidator(PlantClock.Create(), TimeSpan.FromSeconds(30));
        var payload = Encoding.UTF8.GetBytes(Tag.With("ts", PlantClock.Now + PlantClock.Minute));

        var result = validator.Validate(TagTopic, new ReadOnlySequence<byte>(payload));

        Assert.That(result.Problem, Does.Contain("is 60 s in the future (tolerance 30 s;"));
    }

    [Test]
    public void DefaultFutureTolerance_IsFiveMinutes() =>
        Assert.That(UnsPayloadValidator.DefaultFutureTolerance, Is.EqualTo(TimeSpan.FromMinutes(5)));

    [Test]
    public void Validate_HistoricalValueFromYesterday_IsValid() =>
        Assert.That(
            Check.Message(TagTopic, Tag.With("ts", PlantClock.Now - (24 * PlantClock.Hour)).With("historical", true)).IsValid,
            Is.True);

    [Test]
    public void Validate_OtherTimestampInSeconds_NamesTheField() =>
        Assert.That(
            Check.Message(StateTopic, State.With("since", 1741614540)).Problem,
            Does.Contain("$.since: 1741614540 is not a UTC epoch-millisecond timestamp between 2000 and 2100"));

    [Test]
    public void Validate_TimestampInMicroseconds_IsInvalidInsteadOfThrowing() =>
        Assert.That(
            Check.Message(TagTopic, Tag.With("ts", 1_741_614_530_000_000)).Problem,
            Does.Contain("in the future"));
}
