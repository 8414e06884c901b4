using Microsoft.Extensions.Options;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// Everything about <c>Edge:Modbus</c> that would otherwise fail later, on the floor: illegal names, a cell
/// that is not five levels, addresses past the end of the table, a type that does not fit its table, and two
/// tags that would publish to the same topic.
/// </summary>
public sealed class ModbusOptionsValidator : IValidateOptions<ModbusOptions>
{
    private const string Section = ModbusOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ModbusOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBackoffMs is < 100 or > 3_600_000)
        {
            failures.Add($"{Section}:MaxBackoffMs is {options.MaxBackoffMs}; use 100 to 3600000.");
        }

        for (var i = 0; i < options.Devices.Count; i++)
        {
            DeviceProblems($"{Section}:Devices:{i}", options.Devices[i], failures);
        }

        foreach (var duplicate in options.Devices.GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"{Section}:Devices: the name '{duplicate.Key}' is used {duplicate.Count()} times.");
        }

        // Tags of different devices in one cell share the cell's _tag topics.
        var tagsPerCell = options.Devices.SelectMany(d => d.Tags.Select(t => (d.Cell, Device: d.Name, Tag: t.Name)));
        foreach (var clash in tagsPerCell.GroupBy(x => (x.Cell, x.Tag)).Where(g => g.Count() > 1))
        {
            failures.Add($"{Section}: tag '{clash.Key.Tag}' appears {clash.Count()} times in cell '{clash.Key.Cell}' " +
                $"(devices {string.Join(", ", clash.Select(x => x.Device).Distinct(StringComparer.Ordinal))}); each would overwrite the other's topic.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void DeviceProblems(string at, ModbusDeviceOptions device, List<string> failures)
    {
        var where = $"{at} ('{device.Name}')";
        AddIfProblem(failures, $"{at}:Name", UnsName.Problem(device.Name));
        if (string.IsNullOrWhiteSpace(device.Host))
        {
            failures.Add($"{where}:Host is empty.");
        }

        RequireRange(failures, $"{where}:Port", device.Port, 1, 65535);
        RequireRange(failures, $"{where}:UnitId", device.UnitId, 0, 255);
        RequireRange(failures, $"{where}:PollIntervalMs", device.PollIntervalMs, 10, 86_400_000);
        RequireRange(failures, $"{where}:TimeoutMs", device.TimeoutMs, 10, 600_000);
        CellProblems($"{where}:Cell", device.Cell, failures);
        if (device.Tags.Count == 0)
        {
            failures.Add($"{where}:Tags is empty; a device without tags has nothing to poll.");
        }

        for (var i = 0; i < device.Tags.Count; i++)
        {
            TagProblems($"{where}:Tags:{i}", device.Tags[i], failures);
        }
    }

    private static void CellProblems(string where, string cell, List<string> failures)
    {
        var segments = (cell ?? "").Split('/');
        if (segments.Length != (int)IsaLevel.Cell)
        {
            failures.Add($"{where} is '{cell}'; it must name all five levels: enterprise/site/area/line/cell.");
            return;
        }

        string[] levels = ["enterprise", "site", "area", "line", "cell"];
        for (var i = 0; i < segments.Length; i++)
        {
            AddIfProblem(failures, $"{where} ({levels[i]})", UnsName.Problem(segments[i]));
        }
    }

    private static void TagProblems(string at, ModbusTagOptions tag, List<string> failures)
    {
        var where = $"{at} ('{tag.Name}')";
        AddIfProblem(failures, $"{at}:Name", UnsName.Problem(tag.Name));
        if (!Enum.IsDefined(tag.RegisterType) || (tag.DataType is { } given && !Enum.IsDefined(given)) || !Enum.IsDefined(tag.WordOrder))
        {
            failures.Add($"{where}: RegisterType, DataType or WordOrder is not one of the known values.");
            return;
        }

        var type = tag.EffectiveDataType;
        var isBool = type == ModbusDataType.Bool;
        if (tag.RegisterType.HoldsBits() && !isBool)
        {
            failures.Add($"{where}: a {tag.RegisterType} holds one bit; its DataType must be bool, not {type}.");
        }

        if (!tag.RegisterType.HoldsBits() && isBool && tag.Bit is null)
        {
            failures.Add($"{where}: a bool in a {tag.RegisterType} register needs Bit (0 to 15).");
        }

        if (tag.Bit is not null && (!isBool || tag.RegisterType.HoldsBits()))
        {
            failures.Add($"{where}: Bit is only for a bool read from a holding or input register.");
        }
        else if (tag.Bit is < 0 or > 15)
        {
            failures.Add($"{where}:Bit is {tag.Bit}; a register has bits 0 to 15.");
        }

        var last = tag.Address + tag.Length - 1;
        if (tag.Address < 0 || last > ModbusLimits.AddressSpace - 1)
        {
            failures.Add($"{where}:Address {tag.Address} with {type} ({tag.Length} {(tag.RegisterType.HoldsBits() ? "bit" : "register")}s) " +
                $"does not fit the address space 0..{ModbusLimits.AddressSpace - 1}.");
        }

        if (isBool && (tag.Scale != 1 || tag.Offset != 0 || !string.IsNullOrEmpty(tag.Unit)))
        {
            failures.Add($"{where}: a bool has no Scale, Offset or Unit.");
        }

        if (!double.IsFinite(tag.Scale) || tag.Scale == 0)
        {
            failures.Add($"{where}:Scale is {tag.Scale}; it must be a finite number other than 0.");
        }

        if (!double.IsFinite(tag.Offset))
        {
            failures.Add($"{where}:Offset must be a finite number.");
        }

        if (!double.IsFinite(tag.Deadband) || tag.Deadband < 0)
        {
            failures.Add($"{where}:Deadband is {tag.Deadband}; it must be 0 or more.");
        }
    }

    private static void RequireRange(List<string> failures, string where, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{where} is {value}; use {min} to {max}.");
        }
    }

    private static void AddIfProblem(List<string> failures, string where, string? problem)
    {
        if (problem is not null)
        {
            failures.Add($"{where}: {problem}.");
        }
    }
}
