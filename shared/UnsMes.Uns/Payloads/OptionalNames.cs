namespace UnsMes.Uns.Payloads;

/// <summary>The optional work-order and product ids that machine-level payloads may carry follow the naming rules too.</summary>
internal static class OptionalNames
{
    public static void Check(ProblemList problems, string? workOrderId, string? productId)
    {
        if (workOrderId is not null)
        {
            problems.Name("workOrderId", workOrderId);
        }

        if (productId is not null)
        {
            problems.Name("productId", productId);
        }
    }
}
