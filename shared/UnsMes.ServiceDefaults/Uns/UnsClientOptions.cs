using System.ComponentModel.DataAnnotations;

namespace UnsMes.ServiceDefaults.Uns;

/// <summary>
/// How a service reaches the broker. Bound from the <c>Uns</c> section, then overridden per client from
/// <c>Uns:Clients:{name}</c> (so the all-in-one plant gives each service its own identity).
/// </summary>
public sealed class UnsClientOptions
{
    public const string SectionName = "Uns";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Defaults to the client name plus the machine name, stable across restarts so the session survives.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// False (the default) keeps the session on the broker while the service is away, so QoS 1 messages published
    /// meanwhile are delivered when it returns.
    /// </summary>
    public bool CleanStart { get; set; }

    [Range(0, uint.MaxValue)]
    public long SessionExpirySeconds { get; set; } = 24 * 3600;

    [Range(5, 3600)]
    public int KeepAliveSeconds { get; set; } = 30;

    public bool UseTls { get; set; }

    /// <summary>Longest wait between two reconnect attempts; attempts back off exponentially up to this.</summary>
    [Range(1, 600)]
    public int ReconnectMaxDelaySeconds { get; set; } = 15;

    /// <summary>Publish <c>uns/v1/_status/{name}</c> as retained "offline" through the MQTT will when the client dies.</summary>
    public bool PublishStatus { get; set; } = true;
}
