using UnsMes.Dashboard.Security;

namespace UnsMes.Dashboard.Api;

/// <summary>Sign-in and sign-out for people (a plain form post; the page itself shows the form when needed).</summary>
internal static class LoginApi
{
    public static void MapLoginApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/dashboard/login", SignInAsync).ExcludeFromDescription();
        app.MapPost("/api/dashboard/logout", (HttpContext context) =>
        {
            DashboardLogin.SignOut(context);
            return Results.Redirect("/");
        }).ExcludeFromDescription();
    }

    // The form is read by hand: the SameSite=Strict cookie is what protects the session, not a form token.
    private static async Task<IResult> SignInAsync(HttpContext context, DashboardLogin login)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return login.TrySignIn(context, form["username"], form["password"])
            ? Results.Redirect("/")
            : Results.Redirect("/?login=failed");
    }

    /// <summary>Every data endpoint answers 401 until the person has signed in (when sign-in is required).</summary>
    public static TBuilder RequireDashboardLogin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<DashboardLogin>().IsAllowed(context.HttpContext)
                ? await next(context)
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in first", detail: "the dashboard requires a sign-in"));
}
