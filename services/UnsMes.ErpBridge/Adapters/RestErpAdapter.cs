using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using UnsMes.ErpBridge.Contract;

namespace UnsMes.ErpBridge.Adapters;

/// <summary>
/// The REST contract over HTTP: pages of job orders and master data down, job responses up with the record's
/// message id as <c>Idempotency-Key</c>. 5xx, 408 and 429 are "try again"; any other 4xx is the ERP's final word,
/// with the reason taken from its problem answer.
/// </summary>
internal sealed class RestErpAdapter(HttpClient http, string name = "rest", Func<CancellationToken, ValueTask<string?>>? token = null) : IErpAdapter
{
    public string Name { get; } = name;

    public Task<ErpPage<JobOrder>> PullJobOrdersAsync(string? cursor, int limit, CancellationToken cancellationToken) =>
        GetPageAsync<JobOrder>(ErpContract.JobOrders, cursor, limit, cancellationToken);

    public Task<ErpPage<MasterRecord>> PullMasterDataAsync(string? cursor, int limit, CancellationToken cancellationToken) =>
        GetPageAsync<MasterRecord>(ErpContract.MasterData, cursor, limit, cancellationToken);

    public async Task<JobResponseReceipt> WriteBackAsync(JobResponse response, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ErpContract.JobResponses)
        {
            Content = JsonContent.Create(response, options: ErpJson.Options),
        };
        request.Headers.Add(ErpContract.IdempotencyKeyHeader, response.Id);
        using var answer = await SendAsync(request, cancellationToken);
        return await answer.Content.ReadFromJsonAsync<JobResponseReceipt>(ErpJson.Options, cancellationToken)
               ?? throw new ErpUnavailableException("the ERP answered a job response with an empty body");
    }

    private async Task<ErpPage<T>> GetPageAsync<T>(string path, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var query = $"{path}?limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, query);
        using var answer = await SendAsync(request, cancellationToken);
        return await answer.Content.ReadFromJsonAsync<ErpPage<T>>(ErpJson.Options, cancellationToken)
               ?? throw new ErpUnavailableException($"the ERP answered {path} with an empty body");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (token is not null && await token(cancellationToken) is { Length: > 0 } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var answer = await http.SendAsync(request, cancellationToken);
        if (answer.IsSuccessStatusCode)
        {
            return answer;
        }

        using (answer)
        {
            var status = (int)answer.StatusCode;
            var (reason, code) = await ReadProblemAsync(answer, cancellationToken);
            if (status >= 500 || answer.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new ErpUnavailableException($"ERP answered {status}: {reason}");
            }

            throw new ErpRejectedException(reason, code, status);
        }
    }

    /// <summary>The reason of an RFC 9457 problem answer (detail, else title), and its <c>code</c> extension.</summary>
    private static async Task<(string Reason, string? Code)> ReadProblemAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        var text = await answer.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            string? Read(string property) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return (Read("detail") ?? Read("title") ?? $"HTTP {(int)answer.StatusCode}", Read("code"));
        }
        catch (JsonException)
        {
            return (string.IsNullOrWhiteSpace(text) ? $"HTTP {(int)answer.StatusCode} {answer.ReasonPhrase}" : text[..Math.Min(text.Length, 300)], null);
        }
    }
}
