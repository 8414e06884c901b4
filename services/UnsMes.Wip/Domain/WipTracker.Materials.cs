using System.Globalization;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Wip.Domain;

// Material: lots loaded at machines, consumption measured by machines, and BOM bookings per unit where nothing is measured.
internal sealed partial class WipTracker
{
    /// <summary>An operator or a scanner loads a material lot at a machine (<c>_cmd/loadMaterial</c>).</summary>
    public string? LoadMaterial(IsaPath cell, string materialId, string lotId, double? quantity, string? unit, long ts)
    {
        if (quantity is <= 0)
        {
            return $"loadMaterial: quantity must be more than 0, got {quantity}";
        }

        Advance(ts);
        var machine = Cell(cell);
        machine.Lots.RemoveAll(l => l.LotId == lotId && l.MaterialId == materialId);
        machine.Lots.Add(new LoadedLot { MaterialId = materialId, LotId = lotId, Remaining = quantity, Unit = unit });
        return null;
    }

    /// <summary>
    /// A machine measured what it consumed (<c>_event/materialConsumed</c>, attributes materialId, quantity and
    /// optionally lotId, workOrderId, unit). The quantity is booked to the order the machine works on and to the serial it
    /// finished last; from then on this machine books that material only from its measurements.
    /// </summary>
    public string? OnMaterialConsumed(IsaPath cell, IReadOnlyDictionary<string, string> attributes, long ts)
    {
        if (!attributes.TryGetValue("materialId", out var materialId) || !attributes.TryGetValue("quantity", out var text))
        {
            return "materialConsumed needs the attributes materialId and quantity";
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var quantity) || !double.IsFinite(quantity) || quantity < 0)
        {
            return $"materialConsumed: quantity '{text}' is not a non-negative number";
        }

        if (!State.Seen.TryAdd($"consumed|{cell}|{ts}|{materialId}|{text}"))
        {
            return null; // The same measurement delivered again (events carry no id; a machine reports a material once per instant).
        }

        var machine = Cell(cell);
        var orderId = attributes.GetValueOrDefault("workOrderId") ?? machine.CurrentWorkOrder;
        if (orderId is null || !State.Orders.TryGetValue(orderId, out var order))
        {
            return orderId is null
                ? $"materialConsumed at {machine.Machine}: the machine works on no known work order, so the consumption cannot be booked"
                : $"materialConsumed: work order '{orderId}' is unknown (no _workorder/{orderId} was released)";
        }

        var lot = attributes.TryGetValue("lotId", out var lotId) ? machine.Lots.FirstOrDefault(l => l.LotId == lotId && l.MaterialId == materialId) : machine.LotOf(materialId);
        if (lotId is not null && lot is null)
        {
            return $"materialConsumed: lot '{lotId}' of {materialId} is not loaded at {machine.Machine}; load it first with _cmd/loadMaterial";
        }

        Advance(ts);
        machine.MeasuredMaterials.Add(materialId);
        var unit = attributes.GetValueOrDefault("unit") ?? lot?.Unit ?? order.Order.Bom.FirstOrDefault(b => b.MaterialId == materialId)?.Unit ?? order.Order.Unit;
        var step = order.StepAt(machine.WorkCenter);
        var operation = step >= 0 ? order.Order.Routing[step].Operation : order.Order.Routing[0].Operation;
        Book(order, materialId, lot, quantity, unit, measured: true);
        if (machine.LastSerial is { } serial)
        {
            _outputs.Genealogy.Add(new UnitMaterial(serial, materialId, lot?.LotId, quantity, unit, operation, ts));
        }

        Touch(order);
        return null;
    }

    /// <summary>
    /// Books, for a unit that finished an operation, the BOM materials loaded at that machine (from the lot in use) and,
    /// at the first operation, the BOM materials nobody loads or measures on the line (when configured).
    /// </summary>
    private void BookBomConsumption(OrderState order, WipUnit unit, CellState machine, LineState line, string operation, long ts)
    {
        foreach (var bom in order.Order.Bom)
        {
            if (machine.MeasuredMaterials.Contains(bom.MaterialId))
            {
                continue;
            }

            var lot = machine.LotOf(bom.MaterialId);
            var assumed = lot is null && unit.Step == 0 && Options.AssumeBomConsumptionAtFirstOperation && !IsLoadedOrMeasuredOn(line, bom.MaterialId);
            if (lot is null && !assumed)
            {
                continue;
            }

            Book(order, bom.MaterialId, lot, bom.QuantityPerUnit, bom.Unit, measured: false);
            _outputs.Genealogy.Add(new UnitMaterial(unit.Serial, bom.MaterialId, lot?.LotId, bom.QuantityPerUnit, bom.Unit, operation, ts));
            if (lot is { Remaining: <= 0 } && machine.Lots.Count(l => l.MaterialId == bom.MaterialId) > 1)
            {
                machine.Lots.Remove(lot); // Used up: the next lot of the material takes over.
            }
        }
    }

    private bool IsLoadedOrMeasuredOn(LineState line, string materialId) =>
        State.Cells.Values.Any(c => c.Line == line.Path && (c.LotOf(materialId) is not null || c.MeasuredMaterials.Contains(materialId)));

    private static void Book(OrderState order, string materialId, LoadedLot? lot, double quantity, string unit, bool measured)
    {
        var key = $"{materialId}|{lot?.LotId}";
        if (!order.Materials.TryGetValue(key, out var tally))
        {
            tally = order.Materials[key] = new MaterialTally { MaterialId = materialId, LotId = lot?.LotId, Unit = unit };
        }

        tally.Quantity += quantity;
        tally.Measured |= measured;
        if (lot?.Remaining is { } remaining)
        {
            lot.Remaining = remaining - quantity;
        }
    }
}
