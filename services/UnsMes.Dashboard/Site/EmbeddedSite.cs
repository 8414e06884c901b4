using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using UnsMes.Dashboard.Security;

namespace UnsMes.Dashboard.Site;

/// <summary>
/// Serves the page, its scripts and the charting library from the assembly's embedded resources: the dashboard
/// runs the same inside the all-in-one host as alone, with nothing on disk and nothing from the network.
/// </summary>
internal static class EmbeddedSite
{
    private const string Prefix = "web/";
    private static readonly Assembly Assembly = typeof(EmbeddedSite).Assembly;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly HashSet<string> Names = [.. Assembly.GetManifestResourceNames()];

    public static void MapEmbeddedSite(this IEndpointRouteBuilder app)
    {
        // The page itself, or the sign-in form while the person has not signed in (the scripts hold no data).
        app.MapGet("/", (HttpContext context, DashboardLogin login) => Serve(login.IsAllowed(context) ? "index.html" : "login.html")).ExcludeFromDescription();
        app.MapGet("/dashboard", (HttpContext context, DashboardLogin login) => Serve(login.IsAllowed(context) ? "index.html" : "login.html")).ExcludeFromDescription();
        app.MapGet("/dashboard/{**file}", (string file) => Serve(file)).ExcludeFromDescription();
    }

    private static IResult Serve(string file)
    {
        var name = Prefix + file;
        if (!Names.Contains(name))
        {
            return Results.NotFound();
        }

        var contentType = ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal))
        {
            contentType += "; charset=utf-8";
        }

        return Results.Stream(Assembly.GetManifestResourceStream(name)!, contentType);
    }
}
