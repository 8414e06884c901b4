using System.Text;
using Dapr.Client;

namespace UnsMes.ServiceDefaults.State;

/// <summary>
/// Keeps a snapshot in a Dapr state store under one key, through the sidecar (DaprClient finds it from
/// <c>DAPR_GRPC_ENDPOINT</c> / <c>DAPR_GRPC_PORT</c>). The byte-state calls are used because the generic ones would
/// serialize the JSON text a second time, as a quoted string.
/// </summary>
public sealed class DaprSnapshotStore(DaprClient client, string storeName, string key) : ISnapshotStore
{
    public string StoreName { get; } = storeName;

    public string Key { get; } = key;

    public async Task<string?> LoadAsync(CancellationToken cancellationToken)
    {
        var bytes = await client.GetByteStateAsync(StoreName, Key, cancellationToken: cancellationToken);
        return bytes.IsEmpty ? null : Encoding.UTF8.GetString(bytes.Span);
    }

    public Task SaveAsync(string snapshot, CancellationToken cancellationToken) =>
        client.SaveByteStateAsync(StoreName, Key, Encoding.UTF8.GetBytes(snapshot), cancellationToken: cancellationToken);
}
