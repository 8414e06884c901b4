using System.Text.Json;
using System.Text.Json.Serialization;

namespace UnsMes.ErpBridge.Contract;

/// <summary>The contract's JSON: camelCase, nulls left out, ISO 8601 times.</summary>
public static class ErpJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
