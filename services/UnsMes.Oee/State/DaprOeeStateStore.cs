using System.Text;
using Dapr.Client;
using UnsMes.Oee.Domain;

namespace UnsMes.Oee.State;

/// <summary>
/// Keeps the calculator's snapshot in a Dapr state store under one key, through the sidecar (DaprClient finds it
/// from <c>DAPR_GRPC_ENDPOINT</c> / <c>DAPR_GRPC_PORT</c>). The value is the snapshot's JSON as UTF-8 bytes, the
/// very text the file store writes: the byte-state calls are used because the generic ones would serialize the
/// JSON text a second time, as a quoted string.
/// </summary>
internal sealed class DaprOeeStateStore(DaprClient client, string storeName, string key) : IOeeStateStore
{
    public string StoreName { get; } = storeName;

    public string Key { get; } = key;

    public async Task<OeeSnapshot?> LoadAsync(CancellationToken cancellationToken)
    {
        var bytes = await client.GetByteStateAsync(StoreName, Key, cancellationToken: cancellationToken);
        return bytes.IsEmpty ? null : OeeSnapshotJson.Read(Encoding.UTF8.GetString(bytes.Span));
    }

    public Task SaveAsync(OeeSnapshot snapshot, CancellationToken cancellationToken) =>
        client.SaveByteStateAsync(StoreName, Key, Encoding.UTF8.GetBytes(OeeSnapshotJson.Write(snapshot)), cancellationToken: cancellationToken);
}
