using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UnsMes.ErpBridge.Adapters.Tryton;

/// <summary>
/// Tryton's JSON-RPC (6.0): <c>common.db.login</c> opens a session, sent as <c>Authorization: Session
/// base64(login:uid:session)</c>; the user's preferences are the context of every call (company, employee). An
/// expired session (401/403) logs in again once. Tryton's <c>UserError</c>s (validation, access, workflow) are
/// refusals for good; transport failures and server errors are "try again".
/// </summary>
public sealed class TrytonJsonRpcClient(HttpClient http, string database, string login, string? password) : IDisposable
{
    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private string? _authorization;
    private JsonObject? _context;
    private int _id;

    public async Task<JsonNode?> CallAsync(string method, JsonArray parameters, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (authorization, context) = await SessionAsync(cancellationToken);
            var withContext = JsonNode.Parse(parameters.ToJsonString())!.AsArray();
            withContext.Add(JsonNode.Parse(context.ToJsonString()));
            try
            {
                return await SendAsync(method, withContext, authorization, cancellationToken);
            }
            catch (TrytonSessionExpiredException) when (attempt == 0)
            {
                _authorization = null;
            }
        }
    }

    /// <summary>Search and read in one call: domain, offset, limit, order, fields.</summary>
    public async Task<JsonArray> SearchReadAsync(string model, JsonArray domain, IEnumerable<string> fields, int limit = 1000, int offset = 0, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync($"model.{model}.search_read",
            [domain, offset, limit, new JsonArray(new JsonArray("id", "ASC")), new JsonArray([.. fields.Select(f => (JsonNode)f)])], cancellationToken);
        return result?.AsArray() ?? [];
    }

    public async Task<JsonArray> ReadAsync(string model, IEnumerable<long> ids, IEnumerable<string> fields, CancellationToken cancellationToken) =>
        (await CallAsync($"model.{model}.read", [new JsonArray([.. ids.Select(i => (JsonNode)i)]), new JsonArray([.. fields.Select(f => (JsonNode)f)])], cancellationToken))?.AsArray() ?? [];

    public Task<long[]> CreateAsync(string model, JsonObject values, CancellationToken cancellationToken) =>
        CreateAsync(model, [values], cancellationToken);

    /// <summary>Creates several records in one call, which Tryton runs as one transaction: all or none.</summary>
    public async Task<long[]> CreateAsync(string model, IEnumerable<JsonObject> values, CancellationToken cancellationToken) =>
        [.. ((await CallAsync($"model.{model}.create", [new JsonArray([.. values])], cancellationToken))?.AsArray() ?? []).Select(n => n!.GetValue<long>())];

    public Task WriteAsync(string model, IEnumerable<long> ids, JsonObject values, CancellationToken cancellationToken) =>
        CallAsync($"model.{model}.write", [new JsonArray([.. ids.Select(i => (JsonNode)i)]), values], cancellationToken);

    /// <summary>A model's button or workflow method on records (<c>run</c>, <c>do</c>, <c>assign_force</c>, <c>done</c>...).</summary>
    public Task ButtonAsync(string model, string button, IEnumerable<long> ids, CancellationToken cancellationToken) =>
        CallAsync($"model.{model}.{button}", [new JsonArray([.. ids.Select(i => (JsonNode)i)])], cancellationToken);

    public void Dispose() => _loginGate.Dispose();

    private async Task<(string Authorization, JsonObject Context)> SessionAsync(CancellationToken cancellationToken)
    {
        if (_authorization is { } ready && _context is { } context)
        {
            return (ready, context);
        }

        await _loginGate.WaitAsync(cancellationToken);
        try
        {
            if (_authorization is null || _context is null)
            {
                var login1 = await SendAsync("common.db.login", [login, new JsonObject { ["password"] = password ?? "" }], null, cancellationToken);
                var uid = login1![0]!.GetValue<long>();
                var session = login1[1]!.GetValue<string>();
                var authorization = "Session " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{uid}:{session}"));
                var preferences = await SendAsync("model.res.user.get_preferences", [true, new JsonObject()], authorization, cancellationToken);
                _context = preferences?.AsObject() ?? [];
                _authorization = authorization;
            }

            return (_authorization, _context!);
        }
        finally
        {
            _loginGate.Release();
        }
    }

    private async Task<JsonNode?> SendAsync(string method, JsonArray parameters, string? authorization, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["id"] = Interlocked.Increment(ref _id), ["method"] = method, ["params"] = parameters };
        // A sized body: Tryton's server (werkzeug) answers a chunked request with 411 Length Required.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{database}/")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var answer = await http.SendAsync(request, cancellationToken);
        if (answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            if (authorization is null)
            {
                throw new ErpRejectedException($"Tryton refused the login of '{login}' to '{database}'", "unauthorized", (int)answer.StatusCode);
            }

            throw new TrytonSessionExpiredException();
        }

        if (!answer.IsSuccessStatusCode)
        {
            throw new ErpUnavailableException($"Tryton answered {(int)answer.StatusCode} to {method}");
        }

        var reply = await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)
                    ?? throw new ErpUnavailableException($"Tryton answered {method} with an empty body");
        if (reply["error"] is JsonArray { Count: > 0 } error)
        {
            var kind = error[0]?.ToString() ?? "error";
            var message = error.Count > 1 && error[1] is JsonArray details && details.Count > 0 ? details[0]?.ToString() : error.Count > 1 ? error[1]?.ToJsonString() : null;
            // UserError, UserWarning, AccessError, DomainValidationError...: Tryton's own verdict on the data.
            if (kind.Contains("Error", StringComparison.Ordinal) || kind.Contains("Warning", StringComparison.Ordinal))
            {
                throw new ErpRejectedException($"Tryton {kind} on {method}: {message}", "tryton_" + kind.ToLowerInvariant(), 400);
            }

            throw new ErpUnavailableException($"Tryton {kind} on {method}: {message}");
        }

        return reply["result"];
    }

    private sealed class TrytonSessionExpiredException : Exception
    {
    }
}

/// <summary>Tryton's typed JSON values (its JSON-RPC encodes dates, times and decimals as tagged objects).</summary>
public static class TrytonValues
{
    public static JsonObject Date(DateOnly date) => new() { ["__class__"] = "date", ["year"] = date.Year, ["month"] = date.Month, ["day"] = date.Day };

    public static JsonObject DateTime(DateTime utc) => new()
    {
        ["__class__"] = "datetime", ["year"] = utc.Year, ["month"] = utc.Month, ["day"] = utc.Day,
        ["hour"] = utc.Hour, ["minute"] = utc.Minute, ["second"] = utc.Second, ["microsecond"] = (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10),
    };

    public static JsonObject TimeDelta(double seconds) => new() { ["__class__"] = "timedelta", ["seconds"] = seconds };

    public static JsonObject Money(decimal value) => new() { ["__class__"] = "Decimal", ["decimal"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>A datetime or date value as UTC (Tryton stores datetimes in UTC); null when absent.</summary>
    public static DateTime? ReadDateTime(JsonNode? node)
    {
        if (node is not JsonObject o || o["year"] is null)
        {
            return null;
        }

        int Part(string name) => o[name]?.GetValue<int>() ?? 0;
        var value = new DateTime(Part("year"), Part("month"), Part("day"), Part("hour"), Part("minute"), Part("second"), DateTimeKind.Utc);
        return value.AddTicks(Part("microsecond") * 10L);
    }

    public static double ReadSeconds(JsonNode? node) => node is JsonObject o && o["seconds"] is { } s ? s.GetValue<double>() : 0;

    public static string? Text(JsonNode? node, string field) => node?[field]?.GetValueKind() == JsonValueKind.String ? node[field]!.GetValue<string>() : null;

    /// <summary>A dotted field read back (<c>product.code</c> comes as <c>"product.": {"code": ...}</c>).</summary>
    public static string? Related(JsonNode? row, string relation, string field) => Text(row?[relation + "."], field);

    public static long Id(JsonNode? row) => row!["id"]!.GetValue<long>();

    public static IEnumerable<long> Ids(JsonNode? row, string field) => row?[field] is JsonArray ids ? ids.Select(i => i!.GetValue<long>()) : [];

    public static double Number(JsonNode? row, string field) => row?[field] switch
    {
        JsonObject { } d when d["decimal"] is { } text => double.Parse(text.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        JsonValue v => v.GetValue<double>(),
        _ => 0,
    };
}
