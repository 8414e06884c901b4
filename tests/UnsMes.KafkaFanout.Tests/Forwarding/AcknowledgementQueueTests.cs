using MQTTnet;
using MQTTnet.Packets;
using UnsMes.KafkaFanout.Forwarding;

namespace UnsMes.KafkaFanout.Tests.Forwarding;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class AcknowledgementQueueTests
{
    private readonly List<string> _events = [];
    private readonly List<string> _released = [];

    [Test]
    public void Complete_OutOfOrder_AcknowledgesInArrivalOrderOnTheCompletingThread()
    {
        using var queue = Queue();
        var entries = Enumerable.Range(0, 4).Select(i => Add(queue, $"m{i}")).ToArray();

        entries[2].Complete(ForwardOutcome.Delivered);
        entries[1].Complete(ForwardOutcome.Delivered);
        Assert.That(_events, Is.Empty, "nothing may be acknowledged before the oldest message");

        var completing = Environment.CurrentManagedThreadId;
        entries[0].Complete(ForwardOutcome.Delivered);
        Assert.Multiple(() =>
        {
            Assert.That(_events, Is.EqualTo(new[] { $"ack m0 on {completing}", $"ack m1 on {completing}", $"ack m2 on {completing}" }));
            Assert.That(_released, Is.EqualTo(new[] { "m0", "m1", "m2" }));
            Assert.That(queue.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Complete_DeadLetterInBetween_IsPublishedBeforeItsAcknowledgementAndHoldsTheOnesBehind()
    {
        var published = new TaskCompletionSource();
        using var queue = Queue(deadLetter: async entry =>
        {
            await published.Task;
            Record($"dead letter {entry.Message.Topic}");
        });
        var entries = Enumerable.Range(0, 3).Select(i => Add(queue, $"m{i}")).ToArray();

        entries[2].Complete(ForwardOutcome.Delivered);
        entries[1].Complete(ForwardOutcome.DeadLetter("unmapped: test"));
        entries[0].Complete(ForwardOutcome.Delivered);
        Assert.That(Events(), Has.Count.EqualTo(1), "m0 only: m1 waits for its dead letter, m2 for m1");

        published.SetResult();
        await WaitUntilAsync(() => queue.Count == 0);
        Assert.That(Events().Select(e => e.Split(" on ")[0]), Is.EqualTo(new[] { "ack m0", "dead letter m1", "ack m1", "ack m2" }));
    }

    [Test]
    public async Task Stop_AfterTheGrace_LeavesTheUnconfirmedUnacknowledged()
    {
        using var queue = Queue();
        var entries = Enumerable.Range(0, 2).Select(i => Add(queue, $"m{i}")).ToArray();

        await queue.StopAsync(TimeSpan.FromMilliseconds(50));
        entries[1].Complete(ForwardOutcome.Delivered);
        entries[0].Complete(ForwardOutcome.Delivered);

        Assert.That(Events(), Is.Empty);
    }

    [Test]
    public async Task Stop_WhileKafkaConfirms_WaitsForTheAcknowledgements()
    {
        using var queue = Queue();
        var entry = Add(queue, "m0");

        var stopping = queue.StopAsync(TimeSpan.FromSeconds(10));
        Assert.That(stopping.IsCompleted, Is.False);
        entry.Complete(ForwardOutcome.Delivered);
        await stopping.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.That(Events().Select(e => e.Split(" on ")[0]), Is.EqualTo(new[] { "ack m0" }));
    }

    private AcknowledgementQueue Queue(Func<InFlightMessage, Task>? deadLetter = null) => new(
        (entry, _) =>
        {
            Record($"ack {entry.Message.Topic} on {Environment.CurrentManagedThreadId}");
            return Task.CompletedTask;
        },
        (entry, _) => deadLetter?.Invoke(entry) ?? Task.CompletedTask,
        (entry, _) =>
        {
            lock (_events)
            {
                _released.Add(entry.Message.Topic);
            }
        },
        reason => Record($"failed {reason}"));

    private static InFlightMessage Add(AcknowledgementQueue queue, string topic)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("x").Build();
        var received = new MqttApplicationMessageReceivedEventArgs("test", message, new MqttPublishPacket(), (_, _) => Task.CompletedTask);
        var entry = new InFlightMessage(received, queue);
        queue.Add(entry);
        return entry;
    }

    private void Record(string text)
    {
        lock (_events)
        {
            _events.Add(text);
        }
    }

    private List<string> Events()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
