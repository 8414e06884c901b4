using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace UnsMes.Dashboard.Security;

/// <summary>
/// Sign-in for people, when <c>Dashboard:Users</c> lists any: a protected, HTTP-only cookie naming the user and when
/// the sign-in expires. Without users the dashboard is open (the development default).
/// </summary>
internal sealed class DashboardLogin(IOptions<DashboardOptions> options, IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "unsmes-dashboard";

    private readonly IDataProtector _protector = protection.CreateProtector("UnsMes.Dashboard.Login");

    public bool Required => options.Value.Users.Count > 0;

    /// <summary>The signed-in user, or null (also when no sign-in is required).</summary>
    public string? UserOf(HttpContext context)
    {
        if (!Required || context.Request.Cookies[CookieName] is not { } cookie)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(cookie).Split('|', 2);
            var expires = long.Parse(parts[0], CultureInfo.InvariantCulture);
            return expires > time.GetUtcNow().ToUnixTimeMilliseconds() && options.Value.Users.Any(u => u.Username == parts[1]) ? parts[1] : null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public bool IsAllowed(HttpContext context) => !Required || UserOf(context) is not null;

    public bool TrySignIn(HttpContext context, string? username, string? password)
    {
        var user = options.Value.Users.FirstOrDefault(u => u.Username == username);
        if (user is null || password is null || !PasswordCheck.Matches(password, user.PasswordHash))
        {
            return false;
        }

        var expires = time.GetUtcNow().AddHours(options.Value.SessionHours);
        context.Response.Cookies.Append(CookieName, _protector.Protect($"{expires.ToUnixTimeMilliseconds()}|{user.Username}"), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Expires = expires,
            Path = "/",
        });
        return true;
    }

    public static void SignOut(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
}
