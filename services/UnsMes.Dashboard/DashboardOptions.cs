using System.ComponentModel.DataAnnotations;

namespace UnsMes.Dashboard;

/// <summary>The dashboard's settings, bound from the <c>Dashboard</c> section and validated at start.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Base URL of the OEE calculator's API; empty means this same process (the all-in-one host).</summary>
    public string? OeeUrl { get; set; }

    /// <summary>Base URL of the WIP tracker's API; empty means this same process.</summary>
    public string? WipUrl { get; set; }

    /// <summary>Base URL of the historian's query API; empty means this same process.</summary>
    public string? HistorianUrl { get; set; }

    /// <summary>How long a call to another service may take before its panel says "not available".</summary>
    [Range(1, 120)]
    public int PeerTimeoutSeconds { get; set; } = 5;

    /// <summary>Messages waiting for one browser; a slower browser is sent a fresh snapshot instead of a backlog.</summary>
    [Range(16, 1_000_000)]
    public int ClientQueueCapacity { get; set; } = 4096;

    /// <summary>Recent messages kept per topic for the event families (state changes, stops, dead letters).</summary>
    [Range(1, 10_000)]
    public int HistoryPerTopic { get; set; } = 200;

    /// <summary>Good units a line should make in one shift, by line path ("acme/dayton/machining/line1": 400).</summary>
    public Dictionary<string, double> ShiftTargets { get; set; } = [];

    /// <summary>Alarm bands of process values, by tag name ("spindle_temp": { "Low": 20, "High": 70 }).</summary>
    public Dictionary<string, TagLimits> TagLimits { get; set; } = [];

    /// <summary>People who may open the dashboard; when empty (the development default) it is open to everyone.</summary>
    public List<DashboardUser> Users { get; set; } = [];

    /// <summary>How long a sign-in lasts.</summary>
    [Range(1, 24 * 30)]
    public int SessionHours { get; set; } = 12;

    /// <summary>Reason codes offered when an operator classifies a stop (any name may be typed as well).</summary>
    public List<string> ReasonCodes { get; set; } = ["jam", "tool_change", "material_shortage", "changeover", "quality_check", "maintenance", "no_operator"];
}

/// <summary>The band outside which a process value is in alarm.</summary>
public sealed class TagLimits
{
    public double? Low { get; set; }

    public double? High { get; set; }
}

/// <summary>A person who may sign in: the password is kept only as a hash (the broker's format, pbkdf2-sha256$iterations$salt$hash).</summary>
public sealed class DashboardUser
{
    [Required]
    public string Username { get; set; } = "";

    [Required]
    public string PasswordHash { get; set; } = "";
}
