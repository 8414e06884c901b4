using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using MQTTnet;
using UnsMes.KafkaFanout.Health;
using UnsMes.KafkaFanout.Mapping;
using UnsMes.Uns.Topics;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>
/// MQTT in, Kafka out. Each message takes a slot of the in-flight window (waiting here is the backpressure that slows
/// the MQTT side instead of growing memory), is mapped and produced, and completes on Kafka's delivery report.
/// Transient errors produce it again; records Kafka will never take are completed as dead letters.
/// </summary>
internal sealed class FanoutPipeline : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly KafkaFanoutOptions _options;
    private readonly TopicMapper _mapper;
    private readonly KafkaRecordBuilder _records;
    private readonly KafkaLink _link;
    private readonly ILogger _logger;
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly SemaphoreSlim _window;
    private readonly string _ownDeadLetterTopic;
    private readonly CancellationTokenSource _stopping = new();

    public FanoutPipeline(KafkaFanoutOptions options, TopicMapper mapper, KafkaRecordBuilder records, KafkaLink link, ILogger<FanoutPipeline> logger)
    {
        _options = options;
        _mapper = mapper;
        _records = records;
        _link = link;
        _logger = logger;
        _window = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
        _ownDeadLetterTopic = UnsTopic.DeadLetter(KafkaFanoutRegistration.ClientName);
        _producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(options, $"{KafkaFanoutRegistration.ClientName}-{Environment.MachineName}".ToLowerInvariant()))
            .SetErrorHandler((_, error) => OnClientError(error))
            .SetLogHandler((_, message) => FanoutLog.Librdkafka(_logger, message.Facility, message.Message))
            .Build();
    }

    /// <summary>Messages waiting for Kafka's confirmation (the window in use).</summary>
    public int InFlight => _options.MaxInFlight - _window.CurrentCount;

    /// <summary>
    /// Takes one MQTT message: waits for a window slot, queues it for in-order acknowledgement, hands it to Kafka.
    /// The queue acknowledges it (MQTT) once its outcome is known, and gives the slot back through <see cref="Release"/>.
    /// </summary>
    public async Task AcceptAsync(MqttApplicationMessageReceivedEventArgs received, AcknowledgementQueue acknowledgements, CancellationToken cancellationToken)
    {
        received.AutoAcknowledge = false;
        await _window.WaitAsync(cancellationToken);
        var entry = new InFlightMessage(received, acknowledgements);
        _link.CountReceived();
        acknowledgements.Add(entry);
        Send(entry);
    }

    /// <summary>Gives the entry's window slot back (after its MQTT acknowledgement).</summary>
    public void Release(InFlightMessage entry, ForwardOutcome outcome)
    {
        _link.CountDone(outcome);
        _window.Release();
    }

    /// <summary>Waits until Kafka confirmed what was handed over (or the timeout passed).</summary>
    public void Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose()
    {
        _stopping.Cancel();
        _producer.Dispose();
        _window.Dispose();
        _stopping.Dispose();
    }

    private void Send(InFlightMessage entry)
    {
        var topic = entry.Message.Topic;
        var route = _mapper.Map(topic);
        if (!route.IsMapped)
        {
            // The fan-out's own dead letters are never dead-lettered again (that would loop).
            entry.Complete(topic == _ownDeadLetterTopic ? ForwardOutcome.Skipped : ForwardOutcome.DeadLetter($"unmapped: {route.Problem}"));
            return;
        }

        var record = _records.Build(entry.Message);
        var size = KafkaRecordBuilder.SizeOf(record);
        if (size > _options.MaxMessageBytes)
        {
            entry.Complete(ForwardOutcome.DeadLetter($"oversized: the Kafka record would be {size} bytes, over Kafka:MaxMessageBytes ({_options.MaxMessageBytes})"));
            return;
        }

        entry.Attempts++;
        var kafkaTopic = route.Topic!;
        try
        {
            _producer.Produce(kafkaTopic, record, report => OnDelivery(entry, kafkaTopic, report.Error));
        }
        catch (ProduceException<byte[], byte[]> ex)
        {
            OnFailure(entry, kafkaTopic, ex.Error);
        }
        catch (KafkaException ex)
        {
            OnFailure(entry, kafkaTopic, ex.Error);
        }
    }

    private void OnDelivery(InFlightMessage entry, string kafkaTopic, Error error)
    {
        if (!error.IsError)
        {
            _link.MarkUp();
            entry.Complete(ForwardOutcome.Delivered);
            return;
        }

        OnFailure(entry, kafkaTopic, error);
    }

    private void OnFailure(InFlightMessage entry, string topic, Error error)
    {
        if (DeliveryErrors.IsPermanent(error.Code))
        {
            entry.Complete(ForwardOutcome.DeadLetter($"rejected by Kafka (topic '{topic}'): {error.Code} {error.Reason}"));
            return;
        }

        if (DeliveryErrors.MeansUnreachable(error))
        {
            _link.MarkDown(error.Reason);
        }

        _link.CountRetry();
        FanoutLog.Retrying(_logger, entry.Message.Topic, topic, error.Code, entry.Attempts);
        _ = RetryLaterAsync(entry);
    }

    private async Task RetryLaterAsync(InFlightMessage entry)
    {
        try
        {
            await Task.Delay(RetryDelay, _stopping.Token);
            Send(entry);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the message stays unacknowledged and the broker redelivers it to the next instance.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void OnClientError(Error error)
    {
        FanoutLog.KafkaError(_logger, error.Code.ToString(), error.Reason, error.IsFatal);
        if (DeliveryErrors.MeansUnreachable(error) || error.IsFatal)
        {
            _link.MarkDown(error.Reason);
        }
    }
}
