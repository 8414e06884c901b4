namespace UnsMes.Wip.Genealogy;

/// <summary>
/// The genealogy tables. A unit's material uses are keyed by (serial, material, lot, operation, ts): the same booking
/// replayed is one row. The lot index serves "which serials contain this lot"; the primary keys serve "what went into
/// this serial".
/// </summary>
internal static class GenealogySchema
{
    public const string Version1 = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS units (
            serial TEXT PRIMARY KEY NOT NULL,
            work_order_id TEXT NOT NULL,
            product_id TEXT NOT NULL,
            line TEXT NOT NULL,
            started_ts INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS unit_operations (
            serial TEXT NOT NULL,
            operation TEXT NOT NULL,
            work_center TEXT NOT NULL,
            machine TEXT NOT NULL,
            entered_ts INTEGER NOT NULL,
            end_ts INTEGER NOT NULL,
            good INTEGER NOT NULL,
            scrap_reason TEXT,
            operators TEXT,
            PRIMARY KEY (serial, operation)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS unit_materials (
            serial TEXT NOT NULL,
            material_id TEXT NOT NULL,
            lot_id TEXT NOT NULL,
            operation TEXT NOT NULL,
            ts INTEGER NOT NULL,
            quantity REAL NOT NULL,
            unit TEXT NOT NULL,
            PRIMARY KEY (serial, material_id, lot_id, operation, ts)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS unit_materials_by_lot ON unit_materials (lot_id, ts);
        CREATE TABLE IF NOT EXISTS finished (
            serial TEXT PRIMARY KEY NOT NULL,
            finished_ts INTEGER NOT NULL,
            good INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TRIGGER IF NOT EXISTS units_append_only_u BEFORE UPDATE ON units BEGIN SELECT RAISE(ABORT, 'the genealogy is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS units_append_only_d BEFORE DELETE ON units BEGIN SELECT RAISE(ABORT, 'the genealogy is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS operations_append_only_u BEFORE UPDATE ON unit_operations BEGIN SELECT RAISE(ABORT, 'the genealogy is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS operations_append_only_d BEFORE DELETE ON unit_operations BEGIN SELECT RAISE(ABORT, 'the genealogy is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS materials_append_only_u BEFORE UPDATE ON unit_materials BEGIN SELECT RAISE(ABORT, 'the genealogy is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS materials_append_only_d BEFORE DELETE ON unit_materials BEGIN SELECT RAISE(ABORT, 'the genealogy is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS finished_append_only_u BEFORE UPDATE ON finished BEGIN SELECT RAISE(ABORT, 'the genealogy is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS finished_append_only_d BEFORE DELETE ON finished BEGIN SELECT RAISE(ABORT, 'the genealogy is append-only'); END;

        """;
}
