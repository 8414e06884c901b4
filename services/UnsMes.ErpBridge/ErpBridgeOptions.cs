using System.ComponentModel.DataAnnotations;

namespace UnsMes.ErpBridge;

/// <summary>The ERP bridge's settings, bound from the <c>ErpBridge</c> section and validated at start.</summary>
public sealed class ErpBridgeOptions
{
    public const string SectionName = "ErpBridge";

    /// <summary>The ISA-95 enterprise and site the ERP's orders belong to (<c>_workorder</c> and <c>_master</c> live at site level).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]+$")]
    public string Enterprise { get; set; } = "acme";

    [Required]
    [RegularExpression("^[A-Za-z0-9_-]+$")]
    public string Site { get; set; } = "dayton";

    /// <summary>Which ERP the bridge speaks to.</summary>
    public ErpAdapterKind Adapter { get; set; } = ErpAdapterKind.Rest;

    /// <summary>How often released orders and master data are pulled.</summary>
    [Range(0.05, 3600)]
    public double PollIntervalSeconds { get; set; } = 10;

    /// <summary>Records per page asked of the ERP.</summary>
    [Range(1, 10_000)]
    public int PageSize { get; set; } = 100;

    /// <summary>When an order is cancelled: clear its retained <c>_workorder</c> (true) or publish it as <c>cancelled</c> (false).</summary>
    public bool ClearCancelledOrders { get; set; }

    /// <summary>The SQLite file of the outbox and the sync cursors.</summary>
    [Required]
    public string OutboxPath { get; set; } = "data/erp/outbox.db";

    /// <summary>How often <c>_status/erp-bridge</c> is refreshed.</summary>
    [Range(0.1, 3600)]
    public double StatusIntervalSeconds { get; set; } = 5;

    /// <summary>Above this age of the oldest pending record the bridge reports itself degraded.</summary>
    [Range(1, 86_400)]
    public double DegradedAfterSeconds { get; set; } = 120;

    public DeliveryOptions Delivery { get; set; } = new();

    public RestErpOptions Rest { get; set; } = new();

    public TrytonOptions Tryton { get; set; } = new();

    public DaprErpOptions Dapr { get; set; } = new();
}

public enum ErpAdapterKind
{
    /// <summary>Any ERP behind the bridge's REST contract (the reference ERP by default).</summary>
    Rest,

    /// <summary>Tryton over JSON-RPC.</summary>
    Tryton,

    /// <summary>The REST contract reached through a Dapr sidecar (service invocation), credentials from a Dapr secret store.</summary>
    Dapr,
}

/// <summary>How write-backs are delivered: retries with backoff and jitter, a per-attempt timeout, a circuit breaker.</summary>
public sealed class DeliveryOptions
{
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = 4;

    [Range(1, 60_000)]
    public int RetryBaseDelayMs { get; set; } = 200;

    [Range(1, 600_000)]
    public int RetryMaxDelayMs { get; set; } = 10_000;

    [Range(100, 600_000)]
    public int AttemptTimeoutMs { get; set; } = 10_000;

    /// <summary>Share of failed calls in the sampling window that opens the circuit.</summary>
    [Range(0.01, 1)]
    public double BreakFailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int BreakMinimumThroughput { get; set; } = 5;

    [Range(0.5, 3600)]
    public double BreakDurationSeconds { get; set; } = 15;

    /// <summary>After a record could not be delivered (retries spent, circuit open), the pause before the outbox tries again.</summary>
    [Range(10, 600_000)]
    public int PauseAfterFailureMs { get; set; } = 2_000;

    /// <summary>Records read from the outbox at a time.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}

public sealed class RestErpOptions
{
    /// <summary>The ERP's base address; the contract's paths (<c>v1/job-orders</c>...) are relative to it.</summary>
    [Required]
    public string BaseUrl { get; set; } = "http://127.0.0.1:8087/erp/";

    /// <summary>A bearer token, if the ERP wants one (from a secret, never from a committed file).</summary>
    public string? ApiKey { get; set; }
}

public sealed class TrytonOptions
{
    [Required]
    public string Url { get; set; } = "http://127.0.0.1:8000/";

    [Required]
    public string Database { get; set; } = "tryton";

    [Required]
    public string User { get; set; } = "admin";

    /// <summary>From the environment or a secret store (<c>ErpBridge__Tryton__Password</c>), never from a committed file.</summary>
    public string? Password { get; set; }

    /// <summary>The line the Tryton orders are planned on, when the production's work center is not named area/line.</summary>
    public string? DefaultLine { get; set; }

    /// <summary>Tryton 6.0 routings carry no times: the ideal cycle time given to every operation of its orders.</summary>
    [Range(0.001, 86_400)]
    public double IdealCycleTimeS { get; set; } = 60;
}

public sealed class DaprErpOptions
{
    /// <summary>The Dapr app id of the ERP (or of the integration service in front of it).</summary>
    [Required]
    public string AppId { get; set; } = "erp";

    /// <summary>The path prefix of the REST contract inside the app (e.g. <c>erp/</c>).</summary>
    public string BasePath { get; set; } = "erp/";

    /// <summary>The sidecar's HTTP endpoint; empty: DAPR_HTTP_ENDPOINT, else http://127.0.0.1:DAPR_HTTP_PORT (3500).</summary>
    public string? HttpEndpoint { get; set; }

    /// <summary>The Dapr secret store holding the ERP credentials; empty: no credentials.</summary>
    public string? SecretStore { get; set; } = "secretstore";

    [Required]
    public string SecretName { get; set; } = "erp-credentials";

    /// <summary>The key inside the secret holding the bearer token.</summary>
    [Required]
    public string SecretKey { get; set; } = "apiKey";
}
