using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace UnsMes.Uns.Payloads;

/// <summary>The name an enum value has on the wire (<c>MachineState.PlannedStop</c> is <c>planned_stop</c>).</summary>
public static class WireNames
{
    private static readonly ConcurrentDictionary<Enum, string> Names = new();

    public static string Of<T>(T value)
        where T : struct, Enum =>
        Names.GetOrAdd(value, static v => v.GetType().GetField(v.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? v.ToString());
}
