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
/// commit all-or-nothing (no partial file after a kill). Writes are group-committed: publishers wait for the
/// commit that holds their change, and whatever queued meanwhile shares one transaction.
/// </summary>
internal sealed class RetainedMessageStore : IAsyncDisposable
{
    private const int MaxBatch = 4096;

    private readonly SqliteConnection _connection;
    private readonly Channel<PendingChange> _changes = Channel.CreateUnbounded<PendingChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _persisted;

    public RetainedMessageStore(IOptions<BrokerOptions> options)
    {
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
        var change = new PendingChange(
            message.Topic,
            message.Payload.IsEmpty ? null : message.Payload.ToArray(),
            (int)message.QualityOfServiceLevel,
            message.ContentType,
            (int)message.PayloadFormatIndicator,
            message.UserProperties is { Count: > 0 } properties
                ? JsonSerializer.Serialize(properties.Select(p => new KeyValuePair<string, string>(p.Name, p.ReadValueAsString())).ToList(), RetainedJsonContext.Default.ListKeyValuePairStringString)
                : null,
            nowMs,
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _changes.Writer.TryWrite(change) ? change.Committed.Task : Task.FromException(new ObjectDisposedException(nameof(RetainedMessageStore)));
    }

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
        await _connection.DisposeAsync();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingChange>(MaxBatch);
        while (await _changes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _changes.Reader.TryRead(out var change))
            {
                batch.Add(change);
            }

            try
            {
                lock (_connection)
                {
                    Commit(batch);
                }

                Interlocked.Add(ref _persisted, batch.Count);
                batch.ForEach(c => c.Committed.TrySetResult());
            }
            catch (SqliteException ex)
            {
                batch.ForEach(c => c.Committed.TrySetException(ex));
            }

            batch.Clear();
        }
    }

    private void Commit(List<PendingChange> batch)
    {
        using var transaction = _connection.BeginTransaction();
        using var upsert = _connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO retained (topic, payload, qos, content_type, payload_format, user_properties, updated_ms)
            VALUES ($topic, $payload, $qos, $contentType, $format, $properties, $updated)
            ON CONFLICT(topic) DO UPDATE SET payload = excluded.payload, qos = excluded.qos, content_type = excluded.content_type,
                payload_format = excluded.payload_format, user_properties = excluded.user_properties, updated_ms = excluded.updated_ms
            """;
        var topic = upsert.Parameters.Add("$topic", SqliteType.Text);
        var payload = upsert.Parameters.Add("$payload", SqliteType.Blob);
        var qos = upsert.Parameters.Add("$qos", SqliteType.Integer);
        var contentType = upsert.Parameters.Add("$contentType", SqliteType.Text);
        var format = upsert.Parameters.Add("$format", SqliteType.Integer);
        var properties = upsert.Parameters.Add("$properties", SqliteType.Text);
        var updated = upsert.Parameters.Add("$updated", SqliteType.Integer);
        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM retained WHERE topic = $topic";
        var deleteTopic = delete.Parameters.Add("$topic", SqliteType.Text);

        foreach (var change in batch)
        {
            if (change.Payload is null)
            {
                deleteTopic.Value = change.Topic;
                delete.ExecuteNonQuery();
                continue;
            }

            topic.Value = change.Topic;
            payload.Value = change.Payload;
            qos.Value = change.Qos;
            contentType.Value = (object?)change.ContentType ?? DBNull.Value;
            format.Value = change.PayloadFormat;
            properties.Value = (object?)change.UserProperties ?? DBNull.Value;
            updated.Value = change.UpdatedMs;
            upsert.ExecuteNonQuery();
        }

        transaction.Commit();
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
        TaskCompletionSource Committed);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(List<KeyValuePair<string, string>>))]
internal sealed partial class RetainedJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
