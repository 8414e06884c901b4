using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using UnsMes.Testing;
using UnsMes.ServiceDefaults.Telemetry;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Broker.Tests;

public class TraceContextTests
{
    [Test]
    public async Task PublishedValue_ReceivedByAnotherService_HandlerRunsInThePublishersTrace()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == UnsTelemetry.UnsClientSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var broker = await TestBroker.StartAsync();
        var cell = IsaPath.CellOf("acme", "plant1", "machining", "line1", "cnc01");
        var options = new UnsClientOptions { Host = "127.0.0.1", Port = broker.Port, PublishStatus = false, CleanStart = true };
        await using var publisher = new UnsClient("edge", options, NullLogger<UnsClient>.Instance, TimeProvider.System);
        await using var consumer = new UnsClient("oee", options, NullLogger<UnsClient>.Instance, TimeProvider.System);
        var handlerTrace = new TaskCompletionSource<ActivityTraceId>();
        await consumer.SubscribeAsync(UnsTopic.State(cell), UnsQos.AtLeastOnce, (_, _) =>
        {
            handlerTrace.TrySetResult(Activity.Current!.TraceId);
            return Task.CompletedTask;
        }, CancellationToken.None);
        await consumer.StartAsync(CancellationToken.None);
        await publisher.StartAsync(CancellationToken.None);
        await consumer.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var now = UnsTime.Now(TimeProvider.System);
        await publisher.PublishAsync(UnsTopic.State(cell), new MachineStatePayload { V = 1, Ts = now, State = MachineState.Running, Since = now }, CancellationToken.None);

        var traceId = await handlerTrace.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var publish = activities.Single(a => a.Kind == ActivityKind.Producer);
        Assert.That(traceId, Is.EqualTo(publish.TraceId));
        await consumer.StopAsync(CancellationToken.None);
        await publisher.StopAsync(CancellationToken.None);
    }
}
