using System.Globalization;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;
using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Streaming;

/// <summary>
/// The operator commands the tracker acts on, and the arguments each needs: <c>login</c>/<c>logout</c>
/// (employeeId, at a machine), <c>loadMaterial</c> (materialId, lotId, optional quantity and unit, at a machine),
/// <c>closeWorkOrder</c>, <c>pauseWorkOrder</c>, <c>resumeWorkOrder</c> (workOrderId, at the line or site).
/// </summary>
internal static class WipCommands
{
    private static readonly HashSet<string> Names = ["login", "logout", "loadMaterial", "closeWorkOrder", "pauseWorkOrder", "resumeWorkOrder"];

    public static bool Handles(string name) => Names.Contains(name);

    public static string? Apply(WipTracker tracker, UnsTopic topic, CommandPayload command)
    {
        if (!tracker.State.Seen.TryAdd($"cmd|{command.CommandId}"))
        {
            return null; // The same command delivered again: it was acted on already.
        }

        var args = command.Arguments ?? new Dictionary<string, string>();
        var atMachine = topic.Path.Level == IsaLevel.Cell;
        switch (topic.Name)
        {
            case "login" or "logout" or "loadMaterial" when !atMachine:
                return $"{topic.Name} is a machine command: publish it under a cell, e.g. .../line1/lathe01/_cmd/{topic.Name}";
            case "login":
                return tracker.Login(topic.Path, args.GetValueOrDefault("employeeId") ?? command.IssuedBy, command.Ts);
            case "logout":
                return tracker.Logout(topic.Path, args.GetValueOrDefault("employeeId") ?? command.IssuedBy, command.Ts);
            case "loadMaterial":
                if (!args.TryGetValue("materialId", out var material) || !args.TryGetValue("lotId", out var lot))
                {
                    return "loadMaterial needs the arguments materialId and lotId (quantity and unit are optional)";
                }

                double? quantity = null;
                if (args.TryGetValue("quantity", out var text))
                {
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
                    {
                        return $"loadMaterial: quantity '{text}' is not a number";
                    }

                    quantity = parsed;
                }

                var names = new ProblemList();
                names.Name("materialId", material).Name("lotId", lot);
                return names.Count > 0 ? string.Join("; ", names.Items) : tracker.LoadMaterial(topic.Path, material, lot, quantity, args.GetValueOrDefault("unit"), command.Ts);
            default:
                if (!args.TryGetValue("workOrderId", out var order))
                {
                    return $"{topic.Name} needs the argument workOrderId";
                }

                return topic.Name switch
                {
                    "closeWorkOrder" => tracker.CloseWorkOrder(order, command.Ts),
                    "pauseWorkOrder" => tracker.Pause(order, pause: true, command.Ts),
                    _ => tracker.Pause(order, pause: false, command.Ts),
                };
        }
    }
}
