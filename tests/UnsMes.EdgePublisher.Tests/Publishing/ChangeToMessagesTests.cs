using UnsMes.EdgePublisher.Model;
using UnsMes.EdgePublisher.Publishing;
using UnsMes.EdgePublisher.Simulation;
using UnsMes.Uns.Payloads;

namespace UnsMes.EdgePublisher.Tests.Publishing;

public class ChangeToMessagesTests
{
    private static readonly MachineModel Machine = Tests.Simulation.TestPlants.FaultyMachine().Machines.Single();
    private static readonly TagModel Vibration = Machine.Tags.Single() with { Deadband = 0.5 };

    [Test]
    public void Tag_WithinDeadband_IsHeldUntilTheHeartbeat()
    {
        var converter = new ChangeToMessages(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        const long t0 = 1_795_000_000_000;

        var sent = new[]
        {
            Sample(2.0, t0),            // first value: sent
            Sample(2.3, t0 + 1_000),    // moved 0.3 < 0.5: held
            Sample(2.6, t0 + 2_000),    // moved 0.6 from the last sent: sent
            Sample(3.5, t0 + 2_500),    // moved, but only 0.5 s after the last: held (interval)
            Sample(2.7, t0 + 62_000),   // moved 0.1, but 60 s since the last: sent (heartbeat)
        }.Select(s => converter.Convert([s]).Count).ToList();

        Assert.That(sent, Is.EqualTo(new[] { 1, 0, 1, 0, 1 }));
    }

    [Test]
    public void StateChange_BecomesRetainedStateAndAnEvent()
    {
        var converter = new ChangeToMessages(TimeSpan.Zero, TimeSpan.Zero);
        var state = new MachineStatePayload { V = 1, Ts = 1_795_000_000_000, State = MachineState.Down, Since = 1_795_000_000_000, ReasonCode = "jam", ReasonText = "Jam" };

        var messages = converter.Convert([new StateChange(Machine, state, MachineState.Running)]);

        Assert.Multiple(() =>
        {
            Assert.That(messages.Select(m => m.Topic.ToString()), Is.EqualTo(new[]
            {
                "uns/v1/acme/s1/a1/l1/lathe1/_state",
                "uns/v1/acme/s1/a1/l1/lathe1/_event/stateChanged",
            }));
            var stateEvent = (UnsEventPayload)messages[1].Payload;
            Assert.That(stateEvent.Attributes, Is.EquivalentTo(new Dictionary<string, string> { ["from"] = "running", ["to"] = "down", ["reasonCode"] = "jam" }));
            Assert.That(stateEvent.Message, Is.EqualTo("lathe1: running -> down (Jam)"));
        });
    }

    [Test]
    public void Message_MarkedHistorical_KeepsItsTimestamp()
    {
        var message = new ChangeToMessages(TimeSpan.Zero, TimeSpan.Zero).Convert([Sample(4.2, 1_795_000_000_000)]).Single();

        var historical = (ProcessValuePayload)message.AsHistorical().Payload;

        Assert.That((historical.Historical, historical.Ts), Is.EqualTo((true, 1_795_000_000_000L)));
    }

    private static TagSample Sample(double value, long ts) => new(Machine, Vibration, value, ts);
}
