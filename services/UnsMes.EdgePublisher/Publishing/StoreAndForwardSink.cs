using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.EdgePublisher.Buffering;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.EdgePublisher.Publishing;

/// <summary>
/// Sends edge messages to the broker, or to the disk buffer while the broker is away. Buffered messages are marked
/// historical and replayed in their original order (with their original timestamps) once the broker is back; live
/// messages queue behind the backlog so nothing overtakes it.
/// </summary>
public sealed class StoreAndForwardSink(
    UnsClient client,
    StoreAndForwardBuffer buffer,
    IOptions<EdgeOptions> options,
    ILogger<StoreAndForwardSink> logger) : BackgroundService
{
    private const int ReplayBatch = 1000;
    // Publishes in flight at once. MQTTnet's client matches each acknowledgement by scanning all of them, so a
    // larger window costs more per message than it gains in pipelining.
    private const int LiveWindow = 256;

    private readonly SemaphoreSlim _backlogAdded = new(0);
    private readonly TimeSpan _publishTimeout = TimeSpan.FromMilliseconds(options.Value.StoreAndForward.PublishTimeoutMs);
    private long _droppedLogged;
    private int _replayed;

    public long Buffered => buffer.Count;

    public async Task SendAsync(IReadOnlyList<EdgeMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        if (!client.IsConnected || buffer.Count > 0)
        {
            Buffer(messages);
            return;
        }

        var results = await PublishAllAsync(messages.Count, i => ToMqtt(messages[i].Topic, messages[i].SerializePayload(), messages[i].Topic.Spec.Retained, (int)messages[i].Topic.Spec.Qos), cancellationToken);
        var failed = messages.Where((_, i) => !results[i]).ToList();
        if (failed.Count > 0)
        {
            Buffer(failed);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (buffer.Count == 0)
            {
                await _backlogAdded.WaitAsync(stoppingToken);
                continue;
            }

            await client.WaitUntilConnectedAsync(stoppingToken);
            var batch = buffer.Peek(ReplayBatch);
            var results = await PublishAllAsync(batch.Count, i => ToMqtt(batch[i].Topic, batch[i].Payload, batch[i].Retain, batch[i].Qos), stoppingToken);
            var delivered = results.TakeWhile(ok => ok).Count();
            if (delivered > 0)
            {
                buffer.RemoveThrough(batch[delivered - 1].Id);
                _replayed += delivered;
                if (buffer.Count == 0)
                {
                    EdgeLog.Replayed(logger, _replayed, 0);
                    _replayed = 0;
                }
            }

            if (delivered < batch.Count)
            {
                // The broker went away again mid-batch: what was not confirmed stays, in order, for the next try.
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            }
        }
    }

    private void Buffer(IReadOnlyList<EdgeMessage> messages)
    {
        var wasEmpty = buffer.Count == 0;
        buffer.Append(messages.Select(m => m.AsHistorical()).Select(m =>
            new BufferedMessage(m.Topic, m.SerializePayload(), m.Topic.Spec.Retained, (int)m.Topic.Spec.Qos)));
        _backlogAdded.Release();
        if (wasEmpty)
        {
            // Said once per outage; the backlog's size is a metric, not a log line per tick.
            EdgeLog.Buffering(logger, messages.Count, buffer.Count);
        }

        if (buffer.Dropped > Interlocked.Read(ref _droppedLogged))
        {
            Interlocked.Exchange(ref _droppedLogged, buffer.Dropped);
            EdgeLog.BufferOverflow(logger, buffer.Dropped);
        }
    }

    /// <summary>
    /// Publishes messages in order with up to <see cref="LiveWindow"/> of them in flight: a sliding window, so the
    /// broker never idles while a window drains. Once no acknowledgement has come for the publish timeout (the broker
    /// is gone), what is in flight is given up and the rest is not started: both come back false, to be buffered.
    /// </summary>
    private async Task<bool[]> PublishAllAsync(int count, Func<int, MqttApplicationMessage> message, CancellationToken cancellationToken)
    {
        var results = new bool[count];
        var inFlight = new List<Task>(count);
        var acknowledged = 0;
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stalled.CancelAfter(_publishTimeout);
        using var window = new SemaphoreSlim(LiveWindow);
        for (var i = 0; i < count; i++)
        {
            try
            {
                await window.WaitAsync(stalled.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }

            inFlight.Add(PublishOneAsync(i));
        }

        await Task.WhenAll(inFlight);
        return results;

        async Task PublishOneAsync(int index)
        {
            results[index] = await TryPublishAsync(message(index), stalled.Token, cancellationToken);
            if (Interlocked.Increment(ref acknowledged) % LiveWindow == 0)
            {
                // Progress: the broker is there. (Re-arming a timer per message would cost more than the publish.)
                stalled.CancelAfter(_publishTimeout);
            }

            window.Release();
        }
    }

    /// <summary>True when the broker confirmed the message, or refused it for good (then buffering would not help).</summary>
    private async Task<bool> TryPublishAsync(MqttApplicationMessage message, CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            await client.PublishAsync(message, timeout);
            return true;
        }
        catch (UnsPublishRejectedException ex)
        {
            EdgeLog.Refused(logger, message.Topic, ex.Message);
            return true;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static MqttApplicationMessage ToMqtt(string topic, byte[] payload, bool retain, int qos) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithContentType("application/json")
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos)
            .Build();

    public override void Dispose()
    {
        _backlogAdded.Dispose();
        base.Dispose();
    }
}
