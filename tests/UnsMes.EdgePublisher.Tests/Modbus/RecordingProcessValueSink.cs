using System.Collections.Concurrent;
using UnsMes.EdgePublisher.Modbus;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Tests.Modbus;

/// <summary>An <see cref="IProcessValueSink"/> that records every write and lets a test wait for one.</summary>
public sealed class RecordingProcessValueSink : IProcessValueSink
{
    private readonly ConcurrentQueue<Write> _writes = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public sealed record Write(IsaPath Cell, string Tag, ProcessValuePayload Value)
    {
        public double Number => Value.Value.GetDouble();

        public bool Boolean => Value.Value.GetBoolean();

        public override string ToString() => $"{Cell}/{Tag}={Value.Value.GetRawText()} ({Value.Quality})";
    }

    public IReadOnlyCollection<Write> Writes => _writes;

    public Task WriteAsync(IsaPath cell, string tag, ProcessValuePayload value, CancellationToken cancellationToken)
    {
        _writes.Enqueue(new Write(cell, tag, value));
        _arrived.Release();
        return Task.CompletedTask;
    }

    public IReadOnlyList<Write> Of(string tag) => [.. _writes.Where(w => w.Tag == tag)];

    /// <summary>The latest write of each tag, good or bad.</summary>
    public IReadOnlyDictionary<string, Write> Latest() =>
        _writes.GroupBy(w => w.Tag).ToDictionary(g => g.Key, g => g.Last());

    /// <summary>Waits until a write satisfying <paramref name="match"/> has arrived, or fails after the timeout.</summary>
    public async Task<Write> WaitForAsync(Func<Write, bool> match, TimeSpan? timeout = null, string? what = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = _writes.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No write {what ?? "matching"} within the timeout; got {_writes.Count}: {string.Join(", ", _writes.TakeLast(20))}");
                throw;
            }
        }
    }

    public Task<Write> WaitForAsync(string tag, Quality quality, TimeSpan? timeout = null) =>
        WaitForAsync(w => w.Tag == tag && w.Value.Quality == quality, timeout, $"of {tag} with quality {quality}");

    /// <summary>Waits until every tag in <paramref name="tags"/> has a good value.</summary>
    public async Task WaitForGoodAsync(IEnumerable<string> tags, TimeSpan? timeout = null)
    {
        foreach (var tag in tags)
        {
            await WaitForAsync(tag, Quality.Good, timeout);
        }
    }
}
