namespace UnsMes.Plant;

public static class PlantRegistration
{
    public static WebApplicationBuilder AddPlantBanner(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PlantOptions>(builder.Configuration.GetSection(PlantOptions.SectionName));
        builder.Services.AddHostedService<ConnectionBanner>();
        return builder;
    }
}
