using System.Security.Cryptography;
using System.Text;

namespace UnsMes.Dashboard.Security;

/// <summary>
/// Checks a password against a salted PBKDF2-SHA256 hash in the text form the broker uses for its users
/// (<c>pbkdf2-sha256$iterations$salt$hash</c>, base64), so one hash tool serves both.
/// </summary>
internal static class PasswordCheck
{
    public static bool Matches(string password, string encoded)
    {
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations) || iterations < 10_000)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
