using System.Text.Json;
using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Domain;

/// <summary>Writes and reads <see cref="OeeSnapshot"/> as JSON (camelCase, enums by name).</summary>
public static class OeeSnapshotJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(OeeSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    /// <summary>Reads a snapshot; throws <see cref="JsonException"/> for one of another schema version.</summary>
    public static OeeSnapshot Read(string json)
    {
        var snapshot = JsonSerializer.Deserialize<OeeSnapshot>(json, Options) ?? throw new JsonException("The OEE snapshot is empty.");
        return snapshot.SchemaVersion == OeeSnapshot.CurrentSchemaVersion
            ? snapshot
            : throw new JsonException($"OEE snapshot schema version {snapshot.SchemaVersion} is not the supported version {OeeSnapshot.CurrentSchemaVersion}.");
    }

    internal static IsaPath Path(string path) => IsaPath.Of(path.Split('/'));
}
