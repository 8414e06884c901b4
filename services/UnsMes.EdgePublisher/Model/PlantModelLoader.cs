using UnsMes.Uns.Calendar;
using UnsMes.Uns.Topics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace UnsMes.EdgePublisher.Model;

/// <summary>
/// Reads a plant model from YAML. Machines take their behaviour (cycle time, scrap, faults, tags) from a machine
/// type and may override the numbers; every problem is reported with its file, line and field.
/// </summary>
public static class PlantModelLoader
{
    private const double MaxMinutes = 60 * 24 * 365;

    public static PlantModel LoadFile(string path) => Load(File.ReadAllText(path), path);

    public static PlantModel Load(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new PlantModelException(file, [$"{file}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {ex.InnerException?.Message ?? ex.Message}"]);
        }

        var reader = new YamlFieldReader(file);
        if (stream.Documents.Count == 0 || reader.Mapping(stream.Documents[0].RootNode, "plant") is not { } root)
        {
            throw new PlantModelException(file, reader.Problems.Count > 0 ? reader.Problems : [$"{file}: the file is empty"]);
        }

        var model = Read(reader, root);
        return reader.Problems.Count == 0 ? model : throw new PlantModelException(file, reader.Problems);
    }

    private static PlantModel Read(YamlFieldReader reader, YamlMappingNode root)
    {
        reader.OnlyKnownKeys(root, "plant", "enterprise", "site", "seed", "shifts", "products", "machineTypes", "areas");
        var enterprise = reader.Name(root, "enterprise", "plant");
        var site = reader.Name(root, "site", "plant");
        var seed = (int)reader.Number(root, "seed", "plant", 1, 0, int.MaxValue);
        var shifts = ReadShifts(reader, root);
        var products = reader.Sequence(root, "products", "plant", required: false)
            .Select((node, i) => ReadProduct(reader, node, $"products[{i}]"))
            .OfType<ProductModel>()
            .ToList();
        var types = ReadMachineTypes(reader, root);
        var sitePath = enterprise == "invalid" || site == "invalid" ? IsaPath.SiteOf("invalid", "invalid") : IsaPath.SiteOf(enterprise, site);
        var areas = reader.Sequence(root, "areas", "plant", required: true)
            .Select((node, i) => ReadArea(reader, node, $"areas[{i}]", sitePath, types))
            .OfType<AreaModel>()
            .ToList();
        Unique(reader, root, "areas", areas.Select(a => a.Name));
        return new PlantModel(enterprise, site, seed, areas, shifts, products);
    }

    private static ShiftCalendar ReadShifts(YamlFieldReader reader, YamlMappingNode root)
    {
        var nodes = reader.Sequence(root, "shifts", "plant", required: false);
        if (nodes.Count == 0)
        {
            return ShiftCalendar.AroundTheClock;
        }

        var shifts = new List<ShiftModel>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var path = $"shifts[{i}]";
            if (reader.Mapping(nodes[i], path) is not { } map)
            {
                continue;
            }

            reader.OnlyKnownKeys(map, path, "name", "start", "end", "breaks");
            var breaks = reader.Sequence(map, "breaks", path, required: false)
                .Select((node, j) => reader.Mapping(node, $"{path}.breaks[{j}]") is { } b
                    ? new BreakModel(
                        reader.String(b, "name", $"{path}.breaks[{j}]", required: false, fallback: "break")!,
                        reader.TimeOfDay(b, "start", $"{path}.breaks[{j}]"),
                        TimeSpan.FromMinutes(reader.Number(b, "minutes", $"{path}.breaks[{j}]", null, 1, 24 * 60)))
                    : null)
                .OfType<BreakModel>()
                .ToList();
            shifts.Add(new ShiftModel(reader.Name(map, "name", path), reader.TimeOfDay(map, "start", path), reader.TimeOfDay(map, "end", path), breaks));
        }

        return new ShiftCalendar(shifts);
    }

    private static ProductModel? ReadProduct(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path) is not { } map)
        {
            return null;
        }

        reader.OnlyKnownKeys(map, path, "id", "name", "cycleTimeFactor");
        return new ProductModel(
            reader.Name(map, "id", path),
            reader.String(map, "name", path, required: false, fallback: "")!,
            reader.Number(map, "cycleTimeFactor", path, 1, 0.05, 20));
    }

    private static Dictionary<string, MachineType> ReadMachineTypes(YamlFieldReader reader, YamlMappingNode root)
    {
        var types = new Dictionary<string, MachineType>(StringComparer.Ordinal);
        if (reader.Child(root, "machineTypes", "plant") is not { } map)
        {
            return types;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? "";
            var path = $"machineTypes.{name}";
            if (reader.Mapping(valueNode, path) is not { } type)
            {
                continue;
            }

            reader.OnlyKnownKeys(type, path, "idealCycleTimeS", "scrapRate", "setupMinutes", "faults", "tags");
            var tags = reader.Sequence(type, "tags", path, required: false)
                .Select((node, i) => ReadTag(reader, node, $"{path}.tags[{i}]"))
                .OfType<TagModel>()
                .ToList();
            var faults = reader.Sequence(type, "faults", path, required: false)
                .Select((node, i) => ReadFault(reader, node, $"{path}.faults[{i}]", tags))
                .OfType<FaultModel>()
                .ToList();
            Unique(reader, type, $"{path}.tags", tags.Select(t => t.Name));
            types[name] = new MachineType(
                reader.Number(type, "idealCycleTimeS", path, null, 0.001, 86_400),
                reader.Number(type, "scrapRate", path, 0, 0, 1),
                reader.Number(type, "setupMinutes", path, 0, 0, 24 * 60),
                faults,
                tags);
        }

        return types;
    }

    private static TagModel? ReadTag(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path) is not { } map)
        {
            return null;
        }

        reader.OnlyKnownKeys(map, path, "name", "unit", "nominal", "noise", "low", "high", "driver", "deadband");
        var driverText = reader.String(map, "driver", path, required: false, fallback: "process")!;
        var driver = driverText switch
        {
            "process" => TagDriver.Process,
            "tool_wear" => TagDriver.ToolWear,
            "precursor" => TagDriver.Precursor,
            _ => Invalid(reader, map, path, $"driver '{driverText}' is not one of process, tool_wear, precursor"),
        };
        var nominal = reader.Number(map, "nominal", path, null, -1e9, 1e9);
        var low = reader.Number(map, "low", path, nominal - Math.Abs(nominal) * 0.2, -1e9, 1e9);
        var high = reader.Number(map, "high", path, nominal + Math.Abs(nominal) * 0.2, -1e9, 1e9);
        if (low > nominal || high < nominal)
        {
            reader.Problem(map, path, $"nominal {nominal} must lie between low {low} and high {high}");
        }

        return new TagModel(
            reader.Name(map, "name", path),
            reader.String(map, "unit", path, required: false, fallback: "")!,
            nominal,
            reader.Number(map, "noise", path, 0, 0, 1e6),
            low,
            high,
            driver,
            reader.Number(map, "deadband", path, 0, 0, 1e6));
    }

    private static FaultModel? ReadFault(YamlFieldReader reader, YamlNode node, string path, List<TagModel> tags)
    {
        if (reader.Mapping(node, path) is not { } map)
        {
            return null;
        }

        reader.OnlyKnownKeys(map, path, "reason", "text", "mtbfMinutes", "mttrMinutes", "precursor", "warningMinutes", "resetsWear");
        var precursor = reader.String(map, "precursor", path, required: false);
        if (precursor is not null && !tags.Any(t => t.Name == precursor))
        {
            reader.Problem(map, path, $"precursor '{precursor}' is not one of this machine type's tags ({string.Join(", ", tags.Select(t => t.Name))})");
        }

        var reason = reader.Name(map, "reason", path);
        return new FaultModel(
            reason,
            reader.String(map, "text", path, required: false, fallback: reason.Replace('_', ' '))!,
            reader.Number(map, "mtbfMinutes", path, null, 0.1, MaxMinutes),
            reader.Number(map, "mttrMinutes", path, null, 0.01, MaxMinutes),
            precursor,
            reader.Number(map, "warningMinutes", path, precursor is null ? 0 : 15, 0, MaxMinutes),
            reader.Boolean(map, "resetsWear", path, false));
    }

    private static AreaModel? ReadArea(YamlFieldReader reader, YamlNode node, string path, IsaPath site, Dictionary<string, MachineType> types)
    {
        if (reader.Mapping(node, path) is not { } map)
        {
            return null;
        }

        reader.OnlyKnownKeys(map, path, "name", "lines");
        var name = reader.Name(map, "name", path);
        var areaPath = site.Child(name);
        var lines = reader.Sequence(map, "lines", path, required: true)
            .Select((line, i) => ReadLine(reader, line, $"{path}.lines[{i}]", areaPath, types))
            .OfType<LineModel>()
            .ToList();
        Unique(reader, map, $"{path}.lines", lines.Select(l => l.Name));
        return new AreaModel(name, lines);
    }

    private static LineModel? ReadLine(YamlFieldReader reader, YamlNode node, string path, IsaPath area, Dictionary<string, MachineType> types)
    {
        if (reader.Mapping(node, path) is not { } map)
        {
            return null;
        }

        reader.OnlyKnownKeys(map, path, "name", "unit", "continuous", "bufferCapacity", "machines");
        var name = reader.Name(map, "name", path);
        var linePath = area.Child(name);
        var machines = reader.Sequence(map, "machines", path, required: true)
            .Select((machine, i) => ReadMachine(reader, machine, $"{path}.machines[{i}]", linePath, types))
            .OfType<MachineModel>()
            .ToList();
        Unique(reader, map, $"{path}.machines", machines.Select(m => m.Name));
        Unique(reader, map, $"{path}.machines[].operation", machines.Select(m => m.Operation));
        return new LineModel(
            name,
            linePath,
            reader.String(map, "unit", path, required: false, fallback: "pcs")!,
            reader.Boolean(map, "continuous", path, false),
            machines,
            (int)reader.Number(map, "bufferCapacity", path, 10, 1, 1_000_000));
    }

    private static MachineModel? ReadMachine(YamlFieldReader reader, YamlNode node, string path, IsaPath line, Dictionary<string, MachineType> types)
    {
        if (reader.Mapping(node, path) is not { } map)
        {
            return null;
        }

        reader.OnlyKnownKeys(map, path, "name", "type", "operation", "idealCycleTimeS", "scrapRate", "setupMinutes");
        var name = reader.Name(map, "name", path);
        var typeName = reader.String(map, "type", path) ?? "";
        if (!types.TryGetValue(typeName, out var type))
        {
            reader.Problem(map, path, $"machine type '{typeName}' is not defined under machineTypes ({string.Join(", ", types.Keys)})");
            type = MachineType.Placeholder;
        }

        return new MachineModel(
            name,
            name == "invalid" ? line.Child("invalid") : line.Child(name),
            typeName,
            reader.Name(map, "operation", path),
            reader.Number(map, "idealCycleTimeS", path, type.IdealCycleTimeS, 0.001, 86_400),
            reader.Number(map, "scrapRate", path, type.ScrapRate, 0, 1),
            reader.Number(map, "setupMinutes", path, type.SetupMinutes, 0, 24 * 60),
            type.Faults,
            type.Tags);
    }

    private static void Unique(YamlFieldReader reader, YamlMappingNode where, string path, IEnumerable<string> names)
    {
        foreach (var duplicate in names.Where(n => n != "invalid").GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            reader.Problem(where, path, $"'{duplicate.Key}' appears {duplicate.Count()} times; names must be unique");
        }
    }

    private static TagDriver Invalid(YamlFieldReader reader, YamlMappingNode map, string path, string message)
    {
        reader.Problem(map, path, message);
        return TagDriver.Process;
    }

    private sealed record MachineType(double IdealCycleTimeS, double ScrapRate, double SetupMinutes, IReadOnlyList<FaultModel> Faults, IReadOnlyList<TagModel> Tags)
    {
        public static readonly MachineType Placeholder = new(1, 0, 0, [], []);
    }
}
