using System.Buffers;
using MQTTnet;

namespace UnsMes.ServiceDefaults.Uns;

/// <summary>A message as a subscriber sees it.</summary>
public sealed record UnsMessage(string Topic, ReadOnlySequence<byte> Payload, bool Retain, MqttApplicationMessage Raw);

/// <summary>Handles the messages of one subscription. Throwing marks the message as failed; the loop goes on.</summary>
public delegate Task UnsMessageHandler(UnsMessage message, CancellationToken cancellationToken);
