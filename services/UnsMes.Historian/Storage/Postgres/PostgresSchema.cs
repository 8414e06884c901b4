namespace UnsMes.Historian.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema as numbered migrations (recorded in <c>schema_version</c>). Values are in tables
/// partitioned by day on the source timestamp: a B-tree primary key (tag, ts) serves per-tag ranges and makes
/// redelivered values collide; a BRIN index on ts (tiny, fits append order) serves time scans across tags; old
/// days are dropped as whole partitions. Partitions are created by the store before a batch needs them.
/// </summary>
internal static class PostgresSchema
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Migrations =
    [
        (1, """
            CREATE TABLE tags (
                id serial PRIMARY KEY,
                name text NOT NULL UNIQUE,
                kind smallint NOT NULL,
                unit text NOT NULL DEFAULT '',
                created_ts bigint NOT NULL);
            CREATE TABLE samples (
                tag_id integer NOT NULL,
                ts bigint NOT NULL,
                value double precision NOT NULL,
                quality smallint NOT NULL,
                historical boolean NOT NULL,
                received_ts bigint NOT NULL,
                PRIMARY KEY (tag_id, ts)) PARTITION BY RANGE (ts);
            CREATE INDEX samples_ts_brin ON samples USING brin (ts);
            CREATE TABLE text_samples (
                tag_id integer NOT NULL,
                ts bigint NOT NULL,
                value text NOT NULL,
                quality smallint NOT NULL,
                historical boolean NOT NULL,
                received_ts bigint NOT NULL,
                PRIMARY KEY (tag_id, ts)) PARTITION BY RANGE (ts);
            CREATE INDEX text_samples_ts_brin ON text_samples USING brin (ts);
            CREATE TABLE events (
                id bigint PRIMARY KEY,
                ts bigint NOT NULL,
                received_ts bigint NOT NULL,
                path text NOT NULL,
                type text NOT NULL,
                historical boolean NOT NULL,
                json jsonb NOT NULL);
            CREATE INDEX events_ts ON events (ts);
            CREATE INDEX events_type_ts ON events (type, ts);
            CREATE INDEX events_path_ts ON events (path text_pattern_ops, ts);
            """),
        (2, """
            CREATE TABLE rollups_1m (
                tag_id integer NOT NULL, bucket bigint NOT NULL,
                first_ts bigint NOT NULL, first double precision NOT NULL, last_ts bigint NOT NULL, last double precision NOT NULL,
                count bigint NOT NULL, sum double precision NOT NULL, min double precision NOT NULL, max double precision NOT NULL,
                inner_integral double precision NOT NULL,
                PRIMARY KEY (tag_id, bucket));
            CREATE TABLE rollups_1h (LIKE rollups_1m INCLUDING ALL);
            CREATE TABLE rollup_state (resolution integer PRIMARY KEY, upto bigint);
            INSERT INTO rollup_state (resolution, upto) VALUES (1, NULL), (2, NULL);
            """),
        (3, """
            CREATE TABLE sparkplug_births (
                group_id text NOT NULL, edge_node text NOT NULL, device text NOT NULL,
                topic text NOT NULL, payload bytea NOT NULL, received_ts bigint NOT NULL,
                PRIMARY KEY (group_id, edge_node, device));
            """),
    ];
}
