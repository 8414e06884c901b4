using UnsMes.ErpBridge.Contract;

namespace UnsMes.ErpBridge.Adapters;

/// <summary>
/// The one port to an ERP. Pulls are cursor-based (the bridge keeps the cursor; <c>null</c> means from the start);
/// a write-back either books (or recognises its idempotency key and books nothing), or throws
/// <see cref="ErpRejectedException"/> when the ERP refuses it for good, or any other exception when it might
/// succeed later (5xx, timeout, connection refused).
/// </summary>
public interface IErpAdapter
{
    /// <summary>A short name for logs and status (rest, tryton, dapr).</summary>
    string Name { get; }

    Task<ErpPage<JobOrder>> PullJobOrdersAsync(string? cursor, int limit, CancellationToken cancellationToken);

    Task<ErpPage<MasterRecord>> PullMasterDataAsync(string? cursor, int limit, CancellationToken cancellationToken);

    Task<JobResponseReceipt> WriteBackAsync(JobResponse response, CancellationToken cancellationToken);
}
