using System.Buffers;
using System.Text;
using UnsMes.Uns.Validation;

namespace UnsMes.Uns.Tests.Examples;

/// <summary>Runs the contract validator the way the broker does: a topic string and the raw payload bytes.</summary>
public static class Check
{
    public static UnsValidation Message(string topic, string payload, TimeProvider? clock = null) =>
        Message(topic, Encoding.UTF8.GetBytes(payload), clock);

    public static UnsValidation Message(string topic, byte[] payload, TimeProvider? clock = null) =>
        new UnsPayloadValidator(clock ?? PlantClock.Create()).Validate(topic, new ReadOnlySequence<byte>(payload));

    public static UnsValidation Message(ContractExample example) => Message(example.Topic, example.Json);
}
