using System.Text.Json;
using UnsMes.ErpBridge.Contract;

namespace UnsMes.ReferenceErp.Store;

/// <summary>
/// The simulated ERP's orders and master data, and the cursor-based feeds the bridge reads them from. Every change
/// takes the next change-sequence number; a feed returns what changed after a cursor, in order. The planner side
/// checks little on purpose (like many real ERPs): guarding the floor from a malformed order is the bridge's job.
/// </summary>
public sealed class JobOrderBook(ErpDatabase db)
{
    /// <summary>Releases an order, or revises it (a changed quantity, BOM or routing raises its revision).</summary>
    public JobOrder Release(JobOrder order) => db.Write((c, t) =>
    {
        var existing = Find(c, t, order.Id!);
        var body = Body(order);
        var revision = existing is null ? Math.Max(1, order.Revision)
            : Body(existing) == body ? existing.Revision
            : existing.Revision + 1;
        var status = order.Status ?? existing?.Status ?? DispatchStatus.Released;
        var seq = ErpDatabase.NextSeq(c, t);
        using var command = ErpDatabase.Command(c, t,
            "INSERT INTO job_order (id, status, revision, body, seq) VALUES ($id, $status, $revision, $body, $seq) " +
            "ON CONFLICT(id) DO UPDATE SET status = excluded.status, revision = excluded.revision, body = excluded.body, seq = excluded.seq",
            ("$id", order.Id), ("$status", status), ("$revision", revision), ("$body", body), ("$seq", seq));
        command.ExecuteNonQuery();
        return order with { Revision = revision, Status = status };
    });

    /// <summary>Moves an order to a status (running, done, cancelled); false when there is no such order.</summary>
    public bool SetStatus(string id, string status) => db.Write((c, t) => SetStatus(c, t, id, status));

    internal static bool SetStatus(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction t, string id, string status)
    {
        var seq = ErpDatabase.NextSeq(c, t);
        using var command = ErpDatabase.Command(c, t, "UPDATE job_order SET status = $status, seq = $seq WHERE id = $id AND status <> $status", ("$id", id), ("$status", status), ("$seq", seq));
        return command.ExecuteNonQuery() == 1 || Find(c, t, id) is not null;
    }

    public JobOrder? Get(string id) => db.Read(c => Find(c, null, id));

    public ErpPage<JobOrder> Feed(string? cursor, int limit) => db.Read(c =>
    {
        var after = ParseCursor(cursor);
        using var command = ErpDatabase.Command(c, null, "SELECT id, status, revision, body, seq FROM job_order WHERE seq > $after ORDER BY seq LIMIT $limit", ("$after", after), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var items = new List<JobOrder>();
        var last = after;
        while (reader.Read())
        {
            items.Add(Read(reader));
            last = reader.GetInt64(4);
        }

        return new ErpPage<JobOrder>(items, last.ToString(System.Globalization.CultureInfo.InvariantCulture), items.Count == limit);
    });

    public void UpsertMaster(MasterRecord record) => db.Write((c, t) =>
    {
        var seq = ErpDatabase.NextSeq(c, t);
        using var command = ErpDatabase.Command(c, t,
            "INSERT INTO master (kind, id, name, attributes, seq) VALUES ($kind, $id, $name, $attributes, $seq) " +
            "ON CONFLICT(kind, id) DO UPDATE SET name = excluded.name, attributes = excluded.attributes, seq = excluded.seq",
            ("$kind", record.Kind), ("$id", record.Id), ("$name", record.Name),
            ("$attributes", record.Attributes is null ? null : JsonSerializer.Serialize(record.Attributes)), ("$seq", seq));
        return command.ExecuteNonQuery();
    });

    public ErpPage<MasterRecord> MasterFeed(string? cursor, int limit) => db.Read(c =>
    {
        var after = ParseCursor(cursor);
        using var command = ErpDatabase.Command(c, null, "SELECT kind, id, name, attributes, seq FROM master WHERE seq > $after ORDER BY seq LIMIT $limit", ("$after", after), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var items = new List<MasterRecord>();
        var last = after;
        while (reader.Read())
        {
            var attributes = reader.IsDBNull(3) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3));
            items.Add(new MasterRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), attributes));
            last = reader.GetInt64(4);
        }

        return new ErpPage<MasterRecord>(items, last.ToString(System.Globalization.CultureInfo.InvariantCulture), items.Count == limit);
    });

    public bool IsEmpty() => db.Read(c =>
    {
        using var command = ErpDatabase.Command(c, null, "SELECT (SELECT COUNT(*) FROM job_order) + (SELECT COUNT(*) FROM master)");
        return (long)command.ExecuteScalar()! == 0;
    });

    internal static bool MasterExists(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction t, string kind, string id)
    {
        using var command = ErpDatabase.Command(c, t, "SELECT 1 FROM master WHERE kind = $kind AND id = $id", ("$kind", kind), ("$id", id));
        return command.ExecuteScalar() is not null;
    }

    internal static JobOrder? Find(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction? t, string id)
    {
        using var command = ErpDatabase.Command(c, t, "SELECT id, status, revision, body, seq FROM job_order WHERE id = $id", ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static JobOrder Read(Microsoft.Data.Sqlite.SqliteDataReader reader) =>
        JsonSerializer.Deserialize<JobOrder>(reader.GetString(3), ErpJson.Options)! with
        {
            Id = reader.GetString(0),
            Status = reader.GetString(1),
            Revision = reader.GetInt32(2),
        };

    /// <summary>What the order says apart from its id, status and revision (so a repeat is not a revision).</summary>
    private static string Body(JobOrder order) => JsonSerializer.Serialize(order with { Status = null, Revision = 0 }, ErpJson.Options);

    private static long ParseCursor(string? cursor) =>
        long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after) ? after : 0;
}
