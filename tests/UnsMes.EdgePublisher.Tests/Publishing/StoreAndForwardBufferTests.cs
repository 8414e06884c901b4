using System.Text;
using UnsMes.EdgePublisher.Buffering;

namespace UnsMes.EdgePublisher.Tests.Publishing;

public class StoreAndForwardBufferTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("unsmes-sf-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Buffer_ReopenedAfterARestart_StillHoldsTheBacklogInOrder()
    {
        var path = Path.Combine(_folder, "buffer.db");
        using (var buffer = new StoreAndForwardBuffer(path, 1000))
        {
            buffer.Append(Enumerable.Range(0, 10).Select(Message));
        }

        using var reopened = new StoreAndForwardBuffer(path, 1000);
        var backlog = reopened.Peek(100);

        Assert.Multiple(() =>
        {
            Assert.That(reopened.Count, Is.EqualTo(10));
            Assert.That(backlog.Select(m => m.Topic), Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"t/{i}")));
        });
    }

    [Test]
    public void Buffer_PastItsLimit_DropsTheOldestAndCountsThem()
    {
        using var buffer = new StoreAndForwardBuffer(Path.Combine(_folder, "buffer.db"), 5);

        buffer.Append(Enumerable.Range(0, 8).Select(Message));

        Assert.Multiple(() =>
        {
            Assert.That(buffer.Count, Is.EqualTo(5));
            Assert.That(buffer.Dropped, Is.EqualTo(3));
            Assert.That(buffer.Peek(10).Select(m => m.Topic), Is.EqualTo(new[] { "t/3", "t/4", "t/5", "t/6", "t/7" }));
        });
    }

    [Test]
    public void RemoveThrough_DeliveredPrefix_LeavesTheRest()
    {
        using var buffer = new StoreAndForwardBuffer(Path.Combine(_folder, "buffer.db"), 100);
        buffer.Append(Enumerable.Range(0, 4).Select(Message));

        buffer.RemoveThrough(buffer.Peek(2)[1].Id);

        Assert.That(buffer.Peek(10).Select(m => m.Topic), Is.EqualTo(new[] { "t/2", "t/3" }));
    }

    private static BufferedMessage Message(int i) => new($"t/{i}", Encoding.UTF8.GetBytes($"{i}"), false, 1);
}
