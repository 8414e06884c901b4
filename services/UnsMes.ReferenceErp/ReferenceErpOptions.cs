using System.ComponentModel.DataAnnotations;

namespace UnsMes.ReferenceErp;

/// <summary>The simulated ERP's settings, bound from the <c>ReferenceErp</c> section and validated at start.</summary>
public sealed class ReferenceErpOptions
{
    public const string SectionName = "ReferenceErp";

    /// <summary>Where the contract lives (<c>{prefix}/v1/job-orders</c>...), so it can share a host with other services.</summary>
    [Required]
    [RegularExpression("^(/[A-Za-z0-9_-]+)*$")]
    public string RoutePrefix { get; set; } = "/erp";

    [Required]
    public string DatabasePath { get; set; } = "data/erp/reference-erp.db";

    /// <summary>Seed the demo plant's products, work centers, employees and orders into an empty database.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>When set, every contract call must carry <c>Authorization: Bearer {ApiKey}</c> (set it from a secret).</summary>
    public string? ApiKey { get; set; }
}
