using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace UnsMes.Broker.Retained;

/// <summary>
/// Keeps retained messages in a SQLite file so they survive a restart and a crash. SQLite's journal makes every
/// commit all-or-nothing (no partial file after a kill). Writes are group-committed: whatever queued while the last
/// commit ran shares one transaction, and a topic changed several times in that while is written once, last value.
/// Publishers either wait for the commit that holds their change (<see cref="SaveAsync"/>) or go on at once
/// (<see cref="Save"/>, a failure is then logged).
/// </summary>
internal sealed class RetainedMessageStore : IAsyncDisposable
{
    private const int MaxBatch = 4096;
    private static readonly TimeSpan CommitPause = TimeSpan.FromMilliseconds(20);

    private readonly SqliteConnection _connection;
    private readonly ILogger<RetainedMessageStore> _logger;
    private readonly Channel<PendingChange> _changes = Channel.CreateUnbounded<PendingChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly bool _paceCommits;
    private SqliteCommand? _upsert;
    private SqliteCommand? _delete;
    private long _persisted;

    public RetainedMessageStore(IOptions<BrokerOptions> options, ILogger<RetainedMessageStore> logger)
    {
        _logger = logger;
        _paceCommits = options.Value.RetainedDurability == RetainedDurability.Batched;
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, "retained.db");
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        _connection.Open();
        var synchronous = options.Value.RetainedDurability == RetainedDurability.Full ? "FULL" : "NORMAL";
        Execute($"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = {synchronous};
            CREATE TABLE IF NOT EXISTS retained (
                topic TEXT PRIMARY KEY NOT NULL,
                payload BLOB NOT NULL,
                qos INTEGER NOT NULL,
                content_type TEXT,
                payload_format INTEGER NOT NULL DEFAULT 0,
                user_properties TEXT,
                updated_ms INTEGER NOT NULL
            ) WITHOUT ROWID;
            """);
        _writer = Task.Run(WriteLoopAsync);
    }

    public string FilePath { get; }

    /// <summary>Retained changes committed to disk since the broker started (shown as <c>$SYS/broker/retained/persisted</c>).</summary>
    public long Persisted => Interlocked.Read(ref _persisted);

    public List<MqttApplicationMessage> LoadAll()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT topic, payload, qos, content_type, payload_format, user_properties FROM retained";
        using var reader = command.ExecuteReader();
        var messages = new List<MqttApplicationMessage>();
        while (reader.Read())
        {
            var builder = new MqttApplicationMessageBuilder()
                .WithTopic(reader.GetString(0))
                .WithPayload((byte[])reader[1])
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)reader.GetInt32(2))
                .WithPayloadFormatIndicator((MqttPayloadFormatIndicator)reader.GetInt32(4))
                .WithRetainFlag();
            if (!reader.IsDBNull(3))
            {
                builder.WithContentType(reader.GetString(3));
            }

            if (!reader.IsDBNull(5))
            {
                foreach (var (name, value) in JsonSerializer.Deserialize(reader.GetString(5), RetainedJsonContext.Default.ListKeyValuePairStringString) ?? [])
                {
                    builder.WithUserProperty(name, System.Text.Encoding.UTF8.GetBytes(value));
                }
            }

            messages.Add(builder.Build());
        }

        return messages;
    }

    /// <summary>Stores (or, for an empty payload, deletes) a retained message; completes once it is committed.</summary>
    public Task SaveAsync(MqttApplicationMessage message, long nowMs)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _changes.Writer.TryWrite(Change(message, nowMs, committed))
            ? committed.Task
            : Task.FromException(new ObjectDisposedException(nameof(RetainedMessageStore)));
    }

    /// <summary>Queues a retained message for the next commit without waiting for it; a failed commit is logged.</summary>
    public void Save(MqttApplicationMessage message, long nowMs)
    {
        ObjectDisposedException.ThrowIf(!_changes.Writer.TryWrite(Change(message, nowMs, committed: null)), this);
    }

    private static PendingChange Change(MqttApplicationMessage message, long nowMs, TaskCompletionSource? committed) => new(
        message.Topic,
        message.Payload.IsEmpty ? null : message.Payload.ToArray(),
        (int)message.QualityOfServiceLevel,
        message.ContentType,
        (int)message.PayloadFormatIndicator,
        message.UserProperties is { Count: > 0 } properties
            ? JsonSerializer.Serialize(properties.Select(p => new KeyValuePair<string, string>(p.Name, p.ReadValueAsString())).ToList(), RetainedJsonContext.Default.ListKeyValuePairStringString)
            : null,
        nowMs,
        committed);

    public int Count()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM retained";
        lock (_connection)
        {
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _changes.Writer.TryComplete();
        await _writer;
        _upsert?.Dispose();
        _delete?.Dispose();
        await _connection.DisposeAsync();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingChange>(MaxBatch);
        var latest = new Dictionary<string, PendingChange>(StringComparer.Ordinal);
        while (await _changes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _changes.Reader.TryRead(out var change))
            {
                batch.Add(change);
                latest[change.Topic] = change;
            }

            try
            {
                lock (_connection)
                {
                    Commit(latest.Values);
                }

                Interlocked.Add(ref _persisted, latest.Count);
                batch.ForEach(c => c.Committed?.TrySetResult());
            }
            catch (SqliteException ex)
            {
                batch.ForEach(c => c.Committed?.TrySetException(ex));
                var unconfirmed = batch.FindAll(c => c.Committed is null);
                if (unconfirmed.Count > 0)
                {
                    BrokerLog.RetainedCommitFailed(_logger, ex, unconfirmed.Count, unconfirmed[0].Topic);
                }
            }

            batch.Clear();
            latest.Clear();
            if (_paceCommits)
            {
                // Changes acknowledged ahead of their commit can wait a moment more: fewer, larger commits cost the
                // broker far less per change than one wake-up and commit for every few of them.
                await Task.Delay(CommitPause);
            }
        }
    }

    private void Commit(IEnumerable<PendingChange> changes)
    {
        using var transaction = _connection.BeginTransaction();
        var (upsert, delete) = Commands();
        upsert.Transaction = delete.Transaction = transaction;
        foreach (var change in changes)
        {
            if (change.Payload is null)
            {
                delete.Parameters[0].Value = change.Topic;
                delete.ExecuteNonQuery();
                continue;
            }

            var p = upsert.Parameters;
            p[0].Value = change.Topic;
            p[1].Value = change.Payload;
            p[2].Value = change.Qos;
            p[3].Value = (object?)change.ContentType ?? DBNull.Value;
            p[4].Value = change.PayloadFormat;
            p[5].Value = (object?)change.UserProperties ?? DBNull.Value;
            p[6].Value = change.UpdatedMs;
            upsert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The two statements, prepared once: parsing them again for every batch showed in profiles.</summary>
    private (SqliteCommand Upsert, SqliteCommand Delete) Commands()
    {
        if (_upsert is null || _delete is null)
        {
            _upsert = _connection.CreateCommand();
            _upsert.CommandText = """
                INSERT INTO retained (topic, payload, qos, content_type, payload_format, user_properties, updated_ms)
                VALUES ($topic, $payload, $qos, $contentType, $format, $properties, $updated)
                ON CONFLICT(topic) DO UPDATE SET payload = excluded.payload, qos = excluded.qos, content_type = excluded.content_type,
                    payload_format = excluded.payload_format, user_properties = excluded.user_properties, updated_ms = excluded.updated_ms
                """;
            _upsert.Parameters.Add("$topic", SqliteType.Text);
            _upsert.Parameters.Add("$payload", SqliteType.Blob);
            _upsert.Parameters.Add("$qos", SqliteType.Integer);
            _upsert.Parameters.Add("$contentType", SqliteType.Text);
            _upsert.Parameters.Add("$format", SqliteType.Integer);
            _upsert.Parameters.Add("$properties", SqliteType.Text);
            _upsert.Parameters.Add("$updated", SqliteType.Integer);
            _delete = _connection.CreateCommand();
            _delete.CommandText = "DELETE FROM retained WHERE topic = $topic";
            _delete.Parameters.Add("$topic", SqliteType.Text);
        }

        return (_upsert, _delete);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record PendingChange(
        string Topic,
        byte[]? Payload,
        int Qos,
        string? ContentType,
        int PayloadFormat,
        string? UserProperties,
        long UpdatedMs,
        TaskCompletionSource? Committed);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(List<KeyValuePair<string, string>>))]
internal sealed partial class RetainedJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
