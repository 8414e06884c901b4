using System.ComponentModel.DataAnnotations;
using MQTTnet.Server;

namespace UnsMes.Broker;

/// <summary>The broker's settings, bound from the <c>Broker</c> section and validated at start.</summary>
public sealed class BrokerOptions
{
    public const string SectionName = "Broker";

    /// <summary>Address the MQTT TCP listener binds; 0.0.0.0 for all interfaces.</summary>
    [Required]
    public string BindAddress { get; set; } = "0.0.0.0";

    [Range(1, 65535)]
    public int TcpPort { get; set; } = 1883;

    /// <summary>Who accepts MQTT over TCP: MQTTnet's own listener, or Kestrel (the ASP.NET Core server).</summary>
    public BrokerTcpTransport TcpTransport { get; set; } = BrokerTcpTransport.Kestrel;

    /// <summary>Path of MQTT over WebSocket on the host's HTTP listener (MQTT Explorer, browsers).</summary>
    [Required]
    public string WebSocketPath { get; set; } = "/mqtt";

    public BrokerTlsOptions Tls { get; set; } = new();

    /// <summary>Where the retained-message store lives (a SQLite file).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>When a retained publish is acknowledged relative to its commit to disk; see <see cref="Retained.RetainedDurability"/>.</summary>
    public RetainedDurability RetainedDurability { get; set; } = RetainedDurability.Batched;

    [Range(1, 256 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    [Range(1, 1024)]
    public int MaxTopicLevels { get; set; } = 16;

    [Range(1, 65535)]
    public int MaxTopicLength { get; set; } = 1024;

    /// <summary>
    /// Messages queued per subscriber before the overflow policy applies. MQTTnet's default is small enough that a
    /// burst drops QoS 1 messages; this default holds a long burst and every overflow is counted and logged.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxPendingMessagesPerClient { get; set; } = 250_000;

    /// <summary>
    /// The most QoS 1/2 messages a client is sent without having acknowledged them, when its own Receive Maximum is
    /// larger (MQTT 3.1.1 clients have none); the rest wait in the broker, in order. Enough for a consumer that
    /// acknowledges late (the Kafka fan-out acknowledges after Kafka's confirmation, 5 ms of linger and more: 1,000
    /// held it below 100,000 msg/s). MQTTnet searches and shifts a list this long for every acknowledgement, so it is
    /// not unbounded either.
    /// </summary>
    [Range(1, 65_535)]
    public int MaxInFlightPerClient { get; set; } = 5_000;

    public MqttPendingMessagesOverflowStrategy OverflowStrategy { get; set; } = MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage;

    /// <summary>Check <c>uns/...</c> messages against the namespace contract; invalid ones go to the dead-letter topic.</summary>
    public bool ValidateContract { get; set; } = true;

    [Range(0, 86_400)]
    public int FutureTimestampToleranceSeconds { get; set; } = 300;

    /// <summary>Let clients in without credentials. Refused outside the Development environment.</summary>
    public bool AllowAnonymous { get; set; }

    public List<string> AnonymousPublish { get; set; } = ["#"];

    public List<string> AnonymousSubscribe { get; set; } = ["#", "$SYS/#"];

    public List<BrokerUser> Users { get; set; } = [];

    [Range(1, 3600)]
    public int StatisticsIntervalSeconds { get; set; } = 5;
}

/// <summary>
/// Kestrel is the default: in the broker benchmark it carried QoS 1 at Mosquitto's rate with less CPU per message
/// than MQTTnet's own TCP listener (docs/benchmarks.md).
/// </summary>
public enum BrokerTcpTransport
{
    MqttNet,
    Kestrel,
}

public sealed class BrokerTlsOptions
{
    public bool Enabled { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 8883;

    /// <summary>A PKCS#12 (.pfx) file with the server certificate and its key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

/// <summary>
/// The trade between retained-message throughput and what a crash can lose. SQLite commits are all-or-nothing in
/// every mode, so the store is never corrupt; the modes differ in which acknowledged values are guaranteed on disk.
/// </summary>
public enum RetainedDurability
{
    /// <summary>
    /// Acknowledge at once and commit in batches right behind (group commit, at most about 50 commits a second):
    /// tens of thousands of retained messages a second on one connection. A killed broker loses at most the changes
    /// of the last few tens of milliseconds; a clean stop loses nothing.
    /// </summary>
    Batched,
    /// <summary>Acknowledge only after the change is committed: a killed broker loses no acknowledged value.</summary>
    Acknowledged,
    /// <summary>As <see cref="Acknowledged"/>, and every commit is flushed to the disk (survives power loss).</summary>
    Full,
}

/// <summary>One account: a hashed password and the topic filters it may publish to and subscribe to.</summary>
public sealed class BrokerUser
{
    [Required]
    public string Username { get; set; } = "";

    /// <summary>From <c>dotnet run --project services/UnsMes.Broker -- hash-password</c>; never the password itself.</summary>
    [Required]
    public string PasswordHash { get; set; } = "";

    public List<string> Publish { get; set; } = [];

    public List<string> Subscribe { get; set; } = [];
}
