using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace UnsMes.Dashboard.Live;

/// <summary>
/// The latest payload of every topic of the namespace, plus a short history for the families whose past matters on
/// a screen (state changes, stops, dead letters, service status, completions). Written by the streaming service, read by the endpoints.
/// </summary>
public sealed class TopicTree(IOptions<DashboardOptions> options)
{
    // The families whose recent messages are kept besides the latest one.
    private static readonly string[] HistoryFamilies = ["/_state", "/_downtime", "/_deadletter/", "/_status/", "/_completion/"];

    private readonly ConcurrentDictionary<string, LiveMessage> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Queue<LiveMessage>> _history = new(StringComparer.Ordinal);
    private readonly int _historyPerTopic = options.Value.HistoryPerTopic;

    public int Count => _latest.Count;

    /// <summary>Records a message; an empty payload on a retained topic removes the topic (MQTT's way to clear it).</summary>
    public void Apply(LiveMessage message)
    {
        if (message.Payload.Length == 0)
        {
            _latest.TryRemove(message.Topic, out _);
            return;
        }

        _latest[message.Topic] = message;
        if (!KeepsHistory(message.Topic))
        {
            return;
        }

        var queue = _history.GetOrAdd(message.Topic, _ => new Queue<LiveMessage>());
        lock (queue)
        {
            queue.Enqueue(message);
            while (queue.Count > _historyPerTopic)
            {
                queue.Dequeue();
            }
        }
    }

    public LiveMessage? Latest(string topic) => _latest.GetValueOrDefault(topic);

    /// <summary>The latest message of every topic under a prefix (all when empty), sorted by topic.</summary>
    public List<LiveMessage> LatestUnder(string? prefix) =>
        [.. _latest.Values.Where(m => Under(m.Topic, prefix)).OrderBy(m => m.Topic, StringComparer.Ordinal)];

    /// <summary>The kept history of every topic under a prefix, oldest first per topic.</summary>
    public List<LiveMessage> HistoryUnder(string? prefix)
    {
        var result = new List<LiveMessage>();
        foreach (var (topic, queue) in _history)
        {
            if (!Under(topic, prefix))
            {
                continue;
            }

            lock (queue)
            {
                result.AddRange(queue);
            }
        }

        return [.. result.OrderBy(m => m.ReceivedTs)];
    }

    private static bool KeepsHistory(string topic) =>
        HistoryFamilies.Any(f => f.EndsWith('/') ? topic.Contains(f, StringComparison.Ordinal) : topic.EndsWith(f, StringComparison.Ordinal));

    private static bool Under(string topic, string? prefix) =>
        string.IsNullOrEmpty(prefix) || topic.StartsWith(prefix, StringComparison.Ordinal);
}
