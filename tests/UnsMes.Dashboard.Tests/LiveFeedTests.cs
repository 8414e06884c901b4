using Microsoft.Extensions.Options;
using UnsMes.Dashboard.Live;

namespace UnsMes.Dashboard.Tests;

/// <summary>The per-browser queues: bounded, and a browser that falls behind is owed a snapshot, not a backlog.</summary>
public class LiveFeedTests
{
    [Test]
    public void Publish_MoreThanABrowsersQueueHolds_MarksItBehindAndKeepsTheQueueBounded()
    {
        var feed = new LiveFeed(Options.Create(new DashboardOptions { ClientQueueCapacity = 16 }));
        using var slow = feed.Subscribe();

        for (var i = 0; i < 40; i++)
        {
            feed.Publish(new LiveMessage($"uns/v1/a/s/ar/l/c/_tag/t{i}", "{}", Retained: true, ReceivedTs: i));
        }

        Assert.Multiple(() =>
        {
            Assert.That(slow.Queue.Reader.Count, Is.EqualTo(16));
            Assert.That(feed.Overflows, Is.EqualTo(24));
            Assert.That(slow.TakeBehind(), Is.True, "the browser is owed a snapshot");
            Assert.That(slow.TakeBehind(), Is.False, "once");
        });
    }

    [Test]
    public void Dispose_BrowserLeft_NoLongerReceives()
    {
        var feed = new LiveFeed(Options.Create(new DashboardOptions()));
        var gone = feed.Subscribe();
        gone.Dispose();

        feed.Publish(new LiveMessage("uns/v1/_status/x", "{}", Retained: true, ReceivedTs: 1));

        Assert.Multiple(() =>
        {
            Assert.That(feed.Subscribers, Is.Zero);
            Assert.That(gone.Queue.Reader.Completion.IsCompleted, Is.True);
        });
    }

    [Test]
    public void TopicTree_EmptyRetainedPayload_RemovesTheTopic_HistoryIsBounded()
    {
        var tree = new TopicTree(Options.Create(new DashboardOptions { HistoryPerTopic = 3 }));
        for (var i = 0; i < 5; i++)
        {
            tree.Apply(new LiveMessage("uns/v1/a/s/ar/l/c/_state", $$"""{"n":{{i}}}""", Retained: true, ReceivedTs: i));
        }

        var history = tree.HistoryUnder("uns/v1/a/");
        tree.Apply(new LiveMessage("uns/v1/a/s/ar/l/c/_state", "", Retained: true, ReceivedTs: 9));

        Assert.Multiple(() =>
        {
            Assert.That(history.Select(h => h.ReceivedTs), Is.EqualTo(new long[] { 2, 3, 4 }));
            Assert.That(tree.Latest("uns/v1/a/s/ar/l/c/_state"), Is.Null);
        });
    }
}
