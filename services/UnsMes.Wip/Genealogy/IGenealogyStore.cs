using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Genealogy;

/// <summary>
/// The append-only genealogy: SQLite in the embedded default (<see cref="SqliteGenealogyStore"/>), PostgreSQL at scale
/// (<see cref="PostgresGenealogyStore"/>). Both refuse changes to what was written and keep a fact written twice once.
/// </summary>
internal interface IGenealogyStore : IDisposable
{
    void Append(IReadOnlyList<GenealogyRecord> records);

    /// <summary>What went into a serial, or null when no such unit was made.</summary>
    SerialGenealogy? Serial(string serial);

    /// <summary>The serials that contain material from a lot, oldest first.</summary>
    List<LotUse> SerialsWithLot(string lotId, int limit);
}
