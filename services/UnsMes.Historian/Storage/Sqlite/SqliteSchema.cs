namespace UnsMes.Historian.Storage.Sqlite;

/// <summary>
/// The SQLite schema as numbered migrations, applied in order and recorded in <c>schema_version</c>. Values live in
/// narrow tables clustered by (tag, time) (WITHOUT ROWID), so a per-tag range is one contiguous B-tree range.
/// </summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Migrations =
    [
        (1, """
            CREATE TABLE tags (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                kind INTEGER NOT NULL,
                unit TEXT NOT NULL DEFAULT '',
                created_ts INTEGER NOT NULL);
            CREATE TABLE samples (
                tag_id INTEGER NOT NULL,
                ts INTEGER NOT NULL,
                value REAL NOT NULL,
                quality INTEGER NOT NULL,
                historical INTEGER NOT NULL,
                received_ts INTEGER NOT NULL,
                PRIMARY KEY (tag_id, ts)) WITHOUT ROWID;
            CREATE TABLE text_samples (
                tag_id INTEGER NOT NULL,
                ts INTEGER NOT NULL,
                value TEXT NOT NULL,
                quality INTEGER NOT NULL,
                historical INTEGER NOT NULL,
                received_ts INTEGER NOT NULL,
                PRIMARY KEY (tag_id, ts)) WITHOUT ROWID;
            CREATE TABLE events (
                id INTEGER PRIMARY KEY,
                ts INTEGER NOT NULL,
                received_ts INTEGER NOT NULL,
                path TEXT NOT NULL,
                type TEXT NOT NULL,
                historical INTEGER NOT NULL,
                json TEXT NOT NULL);
            CREATE INDEX events_ts ON events (ts);
            CREATE INDEX events_type_ts ON events (type, ts);
            CREATE INDEX events_path_ts ON events (path, ts);
            """),
        (2, """
            CREATE TABLE rollups_1m (
                tag_id INTEGER NOT NULL, bucket INTEGER NOT NULL,
                first_ts INTEGER NOT NULL, first REAL NOT NULL, last_ts INTEGER NOT NULL, last REAL NOT NULL,
                count INTEGER NOT NULL, sum REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL, inner_integral REAL NOT NULL,
                PRIMARY KEY (tag_id, bucket)) WITHOUT ROWID;
            CREATE TABLE rollups_1h (
                tag_id INTEGER NOT NULL, bucket INTEGER NOT NULL,
                first_ts INTEGER NOT NULL, first REAL NOT NULL, last_ts INTEGER NOT NULL, last REAL NOT NULL,
                count INTEGER NOT NULL, sum REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL, inner_integral REAL NOT NULL,
                PRIMARY KEY (tag_id, bucket)) WITHOUT ROWID;
            CREATE TABLE rollup_state (resolution INTEGER PRIMARY KEY, upto INTEGER);
            INSERT INTO rollup_state (resolution, upto) VALUES (1, NULL), (2, NULL);
            """),
        (3, """
            CREATE TABLE sparkplug_births (
                group_id TEXT NOT NULL, edge_node TEXT NOT NULL, device TEXT NOT NULL,
                topic TEXT NOT NULL, payload BLOB NOT NULL, received_ts INTEGER NOT NULL,
                PRIMARY KEY (group_id, edge_node, device)) WITHOUT ROWID;
            """),
    ];
}
