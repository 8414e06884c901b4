using System.Net.Http.Json;

namespace UnsMes.ErpBridge.Adapters.Dapr;

/// <summary>
/// Reads one key of a secret from a Dapr secret store through the sidecar's HTTP API
/// (<c>GET /v1.0/secrets/{store}/{name}</c>), and keeps it for a few minutes so a rotated secret is picked up.
/// </summary>
internal sealed class DaprSecretReader(HttpClient sidecar, string? apiToken, string store, string name, string key, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _value;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public async ValueTask<string?> GetAsync(CancellationToken cancellationToken)
    {
        if (_value is not null && time.GetUtcNow() - _readAt < KeepFor)
        {
            return _value;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"v1.0/secrets/{Uri.EscapeDataString(store)}/{Uri.EscapeDataString(name)}");
            if (apiToken is { Length: > 0 })
            {
                request.Headers.Add("dapr-api-token", apiToken);
            }

            using var answer = await sidecar.SendAsync(request, cancellationToken);
            if (!answer.IsSuccessStatusCode)
            {
                // 5xx or a missing secret now: the write-back is retried, it is not the ERP's refusal.
                throw new ErpUnavailableException($"the Dapr secret store '{store}' answered {(int)answer.StatusCode} for '{name}'");
            }

            var secret = await answer.Content.ReadFromJsonAsync<Dictionary<string, string>>(cancellationToken) ?? [];
            _value = secret.TryGetValue(key, out var value) ? value
                : throw new ErpUnavailableException($"the secret '{name}' in '{store}' has no key '{key}'");
            _readAt = time.GetUtcNow();
            return _value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
