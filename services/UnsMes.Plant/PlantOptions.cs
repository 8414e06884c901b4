namespace UnsMes.Plant;

/// <summary>What the plant tells a person at start-up about how to connect.</summary>
public sealed class PlantOptions
{
    public const string SectionName = "Plant";

    /// <summary>Host name shown in the connection hints (the listeners bind per Broker:BindAddress and Urls).</summary>
    public string AdvertisedHost { get; set; } = "localhost";

    /// <summary>Logins of the development profile, shown as they are; empty outside Development.</summary>
    public List<string> DevelopmentLogins { get; set; } = [];
}
