using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace UnsMes.Dashboard.Live;

/// <summary>
/// Fans live messages out to the connected browsers. Each browser has a bounded queue: when it cannot keep up, its
/// queue is not allowed to grow; it is marked to receive a fresh snapshot instead (so it never shows stale state).
/// </summary>
public sealed class LiveFeed(IOptions<DashboardOptions> options)
{
    private readonly ConcurrentDictionary<Guid, Subscriber> _subscribers = new();
    private readonly int _capacity = options.Value.ClientQueueCapacity;
    private long _overflows;

    public int Subscribers => _subscribers.Count;

    /// <summary>How many times a browser's queue was full and it was sent a snapshot instead.</summary>
    public long Overflows => Interlocked.Read(ref _overflows);

    public Subscriber Subscribe()
    {
        var subscriber = new Subscriber(
            Guid.NewGuid(),
            Channel.CreateBounded<LiveMessage>(new BoundedChannelOptions(_capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true }),
            this);
        _subscribers[subscriber.Id] = subscriber;
        return subscriber;
    }

    public void Publish(LiveMessage message)
    {
        foreach (var subscriber in _subscribers.Values)
        {
            if (!subscriber.Queue.Writer.TryWrite(message))
            {
                subscriber.MarkBehind();
                Interlocked.Increment(ref _overflows);
            }
        }
    }

    private void Remove(Guid id) => _subscribers.TryRemove(id, out _);

    /// <summary>One browser's queue. Dispose when its connection ends.</summary>
    public sealed class Subscriber(Guid id, Channel<LiveMessage> queue, LiveFeed feed) : IDisposable
    {
        private int _behind;

        public Guid Id { get; } = id;

        public Channel<LiveMessage> Queue { get; } = queue;

        /// <summary>True once (then reset) after the queue overflowed: the browser needs a new snapshot.</summary>
        public bool TakeBehind() => Interlocked.Exchange(ref _behind, 0) == 1;

        public void MarkBehind() => Interlocked.Exchange(ref _behind, 1);

        public void Dispose()
        {
            feed.Remove(Id);
            Queue.Writer.TryComplete();
        }
    }
}
