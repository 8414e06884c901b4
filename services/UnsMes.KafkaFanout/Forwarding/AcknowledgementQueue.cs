using Microsoft.Extensions.Logging;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>
/// One ingest connection's messages in arrival order, each acknowledged (MQTT) once its outcome is known and every
/// earlier one was acknowledged. Whoever completes the oldest message acknowledges it and the completed ones behind
/// it, on its own thread (usually Kafka's delivery-report thread): no hand-over to another thread per message. A dead
/// letter is published before its acknowledgement, off that thread, and holds the ones behind it until then.
/// </summary>
internal sealed class AcknowledgementQueue(
    Func<InFlightMessage, CancellationToken, Task> acknowledge,
    Func<InFlightMessage, CancellationToken, Task> publishDeadLetter,
    Action<InFlightMessage, ForwardOutcome> release,
    Action<string> acknowledgeFailed) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<InFlightMessage> _entries = new();
    private readonly CancellationTokenSource _stopped = new();
    private bool _draining;
    private TaskCompletionSource? _empty;

    public static AcknowledgementQueue For(FanoutPipeline pipeline, DeadLetterSink deadLetters, string clientId, ILogger logger) => new(
        (entry, cancellationToken) => entry.Received.AcknowledgeAsync(cancellationToken),
        (entry, cancellationToken) => deadLetters.PublishAsync(entry.Message, entry.Outcome.Reason!, cancellationToken),
        pipeline.Release,
        reason => FanoutLog.AckFailed(logger, clientId, reason));

    /// <summary>Messages waiting for their acknowledgement.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Queues a message before it is handed to Kafka (so it is here before it can complete).</summary>
    public void Add(InFlightMessage entry)
    {
        lock (_lock)
        {
            _entries.Enqueue(entry);
        }
    }

    /// <summary>Acknowledges the completed messages at the head, unless another thread is doing so already.</summary>
    public void Drain()
    {
        lock (_lock)
        {
            if (_draining)
            {
                // The draining thread looks at the head again under this lock, after this message completed.
                return;
            }

            _draining = true;
        }

        DrainHead();
    }

    /// <summary>
    /// Waits up to <paramref name="grace"/> for what is queued to be acknowledged, then acknowledges nothing more: the
    /// rest stays unacknowledged in the broker's session and is delivered again.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Task empty;
        lock (_lock)
        {
            empty = _entries.Count == 0 ? Task.CompletedTask : (_empty ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        await empty.WaitAsync(grace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_lock)
        {
            _stopped.Cancel();
        }
    }

    public void Dispose() => _stopped.Dispose();

    /// <summary>Runs while this thread owns the draining (<see cref="_draining"/> is set).</summary>
    private void DrainHead()
    {
        while (true)
        {
            InFlightMessage? entry;
            lock (_lock)
            {
                if (_stopped.IsCancellationRequested || !_entries.TryPeek(out entry) || !entry.IsComplete)
                {
                    _draining = false;
                    if (_entries.Count == 0)
                    {
                        _empty?.TrySetResult();
                        _empty = null;
                    }

                    return;
                }

                _entries.Dequeue();
            }

            var outcome = entry.Outcome;
            if (outcome.Result == ForwardResult.DeadLetter)
            {
                _ = DeadLetterThenDrainAsync(entry);
                return;
            }

            var acknowledged = Acknowledge(entry);
            if (!acknowledged.IsCompleted)
            {
                // The client's send lock is busy (a ping): wait off this thread, keeping the order.
                _ = FinishThenDrainAsync(acknowledged, entry);
                return;
            }

            Finish(acknowledged, entry);
        }
    }

    private async Task DeadLetterThenDrainAsync(InFlightMessage entry)
    {
        await publishDeadLetter(entry, _stopped.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await FinishThenDrainAsync(Acknowledge(entry), entry).ConfigureAwait(false);
    }

    private async Task FinishThenDrainAsync(Task acknowledged, InFlightMessage entry)
    {
        await acknowledged.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Finish(acknowledged, entry);
        DrainHead();
    }

    private Task Acknowledge(InFlightMessage entry)
    {
        try
        {
            return acknowledge(entry, _stopped.Token);
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    private void Finish(Task acknowledged, InFlightMessage entry)
    {
        if (acknowledged.Exception is { } failed)
        {
            acknowledgeFailed(failed.InnerException?.Message ?? failed.Message);
        }

        release(entry, entry.Outcome);
    }
}
