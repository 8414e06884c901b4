namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// How a device lays a value's bytes into its registers, named by where the bytes A B C D (most significant
/// first) of a 32-bit value end up. Modbus fixes only that one register travels big-endian; vendors differ
/// beyond that. For 64-bit values the same two rules apply to all four registers; for 16-bit values only the
/// byte swap applies.
/// </summary>
public enum ModbusWordOrder
{
    /// <summary>Big-endian throughout, most significant register first: the Modbus convention and the default.</summary>
    Abcd,
    /// <summary>Least significant register first, bytes big-endian within each ("word swap", common on PLCs).</summary>
    Cdab,
    /// <summary>Most significant register first, bytes swapped within each ("byte swap").</summary>
    Badc,
    /// <summary>Little-endian throughout: registers and bytes reversed.</summary>
    Dcba,
}

public static class ModbusWordOrderExtensions
{
    public static bool LeastSignificantWordFirst(this ModbusWordOrder order) => order is ModbusWordOrder.Cdab or ModbusWordOrder.Dcba;

    public static bool SwapsBytes(this ModbusWordOrder order) => order is ModbusWordOrder.Badc or ModbusWordOrder.Dcba;
}
