namespace UnsMes.ErpBridge.Outbox;

/// <summary>Wakes the delivery loop when a record arrives, so a record goes out at once instead of at the next poll.</summary>
internal sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _arrived = new(0);

    public void Notify()
    {
        if (_arrived.CurrentCount == 0)
        {
            _arrived.Release();
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _arrived.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _arrived.Dispose();
}
