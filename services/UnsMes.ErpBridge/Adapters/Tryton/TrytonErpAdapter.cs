using UnsMes.ErpBridge.Contract;

namespace UnsMes.ErpBridge.Adapters.Tryton;

internal sealed class TrytonErpAdapter(HttpClient http, TrytonOptions options, string enterprise, string site) : IErpAdapter
{
    public string Name => "tryton";

    public Task<ErpPage<JobOrder>> PullJobOrdersAsync(string? cursor, int limit, CancellationToken cancellationToken) => throw new NotSupportedException($"{http}{options}{enterprise}{site}");

    public Task<ErpPage<MasterRecord>> PullMasterDataAsync(string? cursor, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JobResponseReceipt> WriteBackAsync(JobResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();
}
