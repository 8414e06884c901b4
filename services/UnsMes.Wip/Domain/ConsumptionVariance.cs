namespace UnsMes.Wip.Domain;

/// <summary>
/// Measured consumption of one material against the BOM: the BOM quantity is what the good units should have taken
/// (quantity per unit × good), so material lost in scrap shows up as a positive variance.
/// </summary>
internal sealed record ConsumptionVariance(string MaterialId, string Unit, double BomQuantity, double ActualQuantity, IReadOnlyList<string> Lots)
{
    public double Variance => ActualQuantity - BomQuantity;

    /// <summary>The variance as a percentage of the BOM quantity; null when the BOM quantity is zero.</summary>
    public double? VariancePct => BomQuantity == 0 ? null : Math.Round(Variance / BomQuantity * 100, 2);

    public static List<ConsumptionVariance> Of(OrderState order)
    {
        var result = new List<ConsumptionVariance>();
        var materials = order.Order.Bom.Select(b => b.MaterialId).Concat(order.Materials.Values.Select(m => m.MaterialId)).Distinct(StringComparer.Ordinal);
        foreach (var material in materials)
        {
            var bom = order.Order.Bom.FirstOrDefault(b => b.MaterialId == material);
            var booked = order.Materials.Values.Where(m => m.MaterialId == material).ToList();
            result.Add(new ConsumptionVariance(
                material,
                bom?.Unit ?? booked[0].Unit,
                Math.Round((bom?.QuantityPerUnit ?? 0) * order.Good, 6),
                Math.Round(booked.Sum(m => m.Quantity), 6),
                [.. booked.Where(m => m.LotId is not null).Select(m => m.LotId!)]));
        }

        return result;
    }
}
