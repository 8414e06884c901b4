using Microsoft.Data.Sqlite;
using UnsMes.Historian.Model;

namespace UnsMes.Historian.Storage.Sqlite;

/// <summary>The kept Sparkplug B births (see <see cref="IHistorianStore.SaveSparkplugBirthAsync"/>).</summary>
internal sealed partial class SqliteHistorianStore
{
    public async Task SaveSparkplugBirthAsync(SparkplugBirth birth, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("The store is not initialized.");
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var tx = (SqliteTransaction)await writer.BeginTransactionAsync(cancellationToken);
            await using var command = writer.CreateCommand();
            command.Transaction = tx;
            command.CommandText = (birth.Device.Length == 0 ? "DELETE FROM sparkplug_births WHERE group_id = $g AND edge_node = $e;" : "")
                + "INSERT OR REPLACE INTO sparkplug_births (group_id, edge_node, device, topic, payload, received_ts) VALUES ($g, $e, $d, $t, $p, $r);";
            command.Parameters.AddWithValue("$g", birth.Group);
            command.Parameters.AddWithValue("$e", birth.EdgeNode);
            command.Parameters.AddWithValue("$d", birth.Device);
            command.Parameters.AddWithValue("$t", birth.Topic);
            command.Parameters.AddWithValue("$p", birth.Payload);
            command.Parameters.AddWithValue("$r", birth.ReceivedTs);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<IReadOnlyList<SparkplugBirth>> SparkplugBirthsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_id, edge_node, device, topic, payload, received_ts FROM sparkplug_births ORDER BY group_id, edge_node, device;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var births = new List<SparkplugBirth>();
        while (await reader.ReadAsync(cancellationToken))
        {
            births.Add(new SparkplugBirth(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), (byte[])reader.GetValue(4), reader.GetInt64(5)));
        }

        return births;
    }
}
