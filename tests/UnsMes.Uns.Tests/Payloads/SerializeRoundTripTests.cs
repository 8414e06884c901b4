using System.Buffers;
using System.Text;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Tests.Examples;
using UnsMes.Uns.Tests.Topics;
using UnsMes.Uns.Topics;
using UnsMes.Uns.Validation;

namespace UnsMes.Uns.Tests.Payloads;

public class SerializeRoundTripTests
{
    private static IEnumerable<RoundTripCase> Cases() => PayloadObjects.All();

    [Test]
    public void Cases_EveryPayloadType_HasOne() =>
        Assert.That(
            PayloadObjects.All().Select(c => c.Payload.GetType()),
            Is.EquivalentTo(ContractCatalog.All.Select(s => UnsJson.PayloadType(s.Contract))));

    [TestCaseSource(nameof(Cases))]
    public void Serialize_ThenValidate_IsValid(RoundTripCase roundTrip)
    {
        var result = Validate(roundTrip.Topic, roundTrip.Serialize());

        Assert.That(result.Problem, Is.Null);
        Assert.That(result.Payload, Is.InstanceOf(roundTrip.Payload.GetType()));
    }

    [TestCaseSource(nameof(Cases))]
    public void Serialize_ThenValidate_ReadsBackTheSameValues(RoundTripCase roundTrip)
    {
        var bytes = roundTrip.Serialize();

        var again = roundTrip.SerializeAgain(Validate(roundTrip.Topic, bytes).Payload!);

        Assert.That(again, Is.EqualTo(Encoding.UTF8.GetString(bytes)));
    }

    [TestCaseSource(nameof(Cases))]
    public void Serialize_Payload_WritesCamelCaseWithTheSchemaVersionFirst(RoundTripCase roundTrip) =>
        Assert.That(Encoding.UTF8.GetString(roundTrip.Serialize()), Does.StartWith("{\"v\":1,\"ts\":"));

    [Test]
    public void Serialize_Enums_UseTheirWireNames() =>
        Assert.That(
            Encoding.UTF8.GetString(PayloadObjects.All().First().Serialize()),
            Does.Contain("\"state\":\"planned_stop\""));

    [Test]
    public void Serialize_TextForPeople_IsNotEscaped()
    {
        var payload = new UnsEventPayload { V = 1, Ts = PlantClock.Now, Severity = Severity.Warning, Message = "Öltemperatur > 80 °C & steigend" };

        Assert.That(UnsJson.SerializeToString(payload), Does.Contain("\"message\":\"Öltemperatur > 80 °C & steigend\""));
    }

    [Test]
    public void Serialize_ComputedProperties_AreNotWritten() =>
        Assert.That(
            UnsJson.SerializeToString(PayloadObjects.All().Select(c => c.Payload).OfType<LaborPayload>().Single()),
            Does.Not.Contain("hours"));

    [Test]
    public void DeserializeTyped_SerializedPayload_ReadsItBack()
    {
        var labor = PayloadObjects.All().Select(c => c.Payload).OfType<LaborPayload>().Single();

        var read = UnsJson.Deserialize<LaborPayload>(UnsJson.Serialize(labor));

        Assert.That(read, Is.EqualTo(labor));
        Assert.That(read.Hours, Is.EqualTo(8));
    }

    [Test]
    public void Serialize_CompletionWithoutLotOrBomQuantity_ThenValidate_IsValid() =>
        Assert.That(
            Validate(UnsTopic.Completion(Plant.Site, "WO-1002"), UnsJson.Serialize(PayloadObjects.Completion(lotId: null, bomQuantity: null))).Problem,
            Is.Null);

    [Test]
    public void Serialize_WipWithoutWorkCenter_ThenValidate_IsValid()
    {
        var wip = new WipPayload
        {
            V = UnsSchema.Version,
            Ts = PlantClock.Now,
            Operations = [new OperationWip("op10", 10, 1, 120, 35.5, 12.25)],
        };

        Assert.That(Validate(UnsTopic.Wip(Plant.Line), UnsJson.Serialize(wip)).Problem, Is.Null);
    }

    private static UnsValidation Validate(UnsTopic topic, byte[] payload) =>
        new UnsPayloadValidator(PlantClock.Create()).Validate(topic, new ReadOnlySequence<byte>(payload));
}
