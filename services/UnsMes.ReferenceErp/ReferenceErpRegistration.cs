using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UnsMes.ErpBridge.Contract;
using UnsMes.ReferenceErp.Api;
using UnsMes.ReferenceErp.Store;

namespace UnsMes.ReferenceErp;

public static class ReferenceErpRegistration
{
    public static IHostApplicationBuilder AddReferenceErp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReferenceErpOptions>()
            .Bind(builder.Configuration.GetSection(ReferenceErpOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<ReferenceErpOptions>>().Value.DatabasePath;
            return new ErpDatabase(Path.IsPathRooted(path) ? path : Path.Combine(builder.Environment.ContentRootPath, path));
        });
        builder.Services.AddSingleton<JobOrderBook>();
        builder.Services.AddSingleton<BookingLedger>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(ErpContract.DocumentName, options =>
        {
            // Only the contract: a host that carries other services (the all-in-one plant) keeps them out of it.
            options.ShouldInclude = description => description.GroupName == ErpContract.DocumentName;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "UnsMes ERP bridge contract";
                document.Info.Version = ErpContract.Version;
                document.Info.Description =
                    "ISA-95/B2MML-shaped contract between the UnsMes ERP bridge and an ERP: job orders and master data " +
                    "down (cursor-based feeds), job responses up (material actuals: produced, consumed, scrapped with reason; " +
                    "personnel actuals: labor hours), each with an Idempotency-Key that the ERP books once.";
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapReferenceErp(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ReferenceErpOptions>>().Value;
        if (options.Seed)
        {
            var book = app.Services.GetRequiredService<JobOrderBook>();
            if (book.IsEmpty())
            {
                DemoData.Seed(book, app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            }
        }

        var erp = app.MapGroup(options.RoutePrefix);
        if (options.ApiKey is { Length: > 0 } key)
        {
            erp.AddEndpointFilter(async (context, next) =>
                context.HttpContext.Request.Headers.Authorization == $"Bearer {key}"
                    ? await next(context)
                    : Results.Problem(statusCode: 401, title: "Unauthorized", detail: "a valid bearer token is required"));
        }

        erp.MapContract();
        erp.MapPlanner();
        app.MapOpenApi(options.RoutePrefix + "/openapi/{documentName}.json");
        return app;
    }
}
