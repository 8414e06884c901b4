using Dapr.Client;

namespace UnsMes.ErpBridge.Adapters.Dapr;

/// <summary>
/// The REST contract reached through a Dapr sidecar: Dapr.Client's invoke HttpClient turns <c>http://{appId}/...</c>
/// into the sidecar's service invocation (<c>/v1.0/invoke/{appId}/method/...</c>), so mTLS, retries and discovery are
/// the mesh's; the ERP's bearer token comes from a Dapr secret store, never from configuration files.
/// </summary>
internal static class DaprErpAdapterFactory
{
    public static IErpAdapter Create(DaprErpOptions options, TimeProvider time)
    {
        var endpoint = SidecarEndpoint(options);
        var apiToken = Environment.GetEnvironmentVariable("DAPR_API_TOKEN");
        var http = DaprClient.CreateInvokeHttpClient(options.AppId, endpoint, apiToken);
        http.BaseAddress = new Uri($"http://{options.AppId}/{options.BasePath.TrimStart('/')}");
        if (string.IsNullOrWhiteSpace(options.SecretStore))
        {
            return new RestErpAdapter(http, "dapr");
        }

        var secrets = new DaprSecretReader(new HttpClient { BaseAddress = new Uri(endpoint) }, apiToken, options.SecretStore, options.SecretName, options.SecretKey, time);
        return new RestErpAdapter(http, "dapr", secrets.GetAsync);
    }

    /// <summary>As the Dapr SDKs find it: DAPR_HTTP_ENDPOINT, else the loopback port DAPR_HTTP_PORT (3500).</summary>
    public static string SidecarEndpoint(DaprErpOptions options) =>
        options.HttpEndpoint is { Length: > 0 } configured ? configured
        : Environment.GetEnvironmentVariable("DAPR_HTTP_ENDPOINT") is { Length: > 0 } endpoint ? endpoint
        : $"http://127.0.0.1:{Environment.GetEnvironmentVariable("DAPR_HTTP_PORT") ?? "3500"}";
}
