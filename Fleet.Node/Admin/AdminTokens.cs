using System.Security.Cryptography;
using System.Text;

namespace Fleet.Node.Admin;

/// <summary>What a bearer token may do on the admin API.</summary>
public enum AdminScope
{
    None,
    Read,
    Write,
}

/// <summary>The admin API's tokens, read once from their files; a presented token is compared in constant time.</summary>
public sealed class AdminTokens(byte[] write, byte[]? read)
{
    public static AdminTokens Load(AdminSettings settings)
    {
        var writeFile = settings.TokenFile is { Length: > 0 } file ? file : throw new ArgumentException("the admin API (--admin-port) needs --admin-token-file");
        return new AdminTokens(Read(writeFile), settings.ReadTokenFile is { Length: > 0 } readFile ? Read(readFile) : null);
    }

    /// <summary>The scope of an <c>Authorization</c> header's bearer token; <see cref="AdminScope.None"/> for none or a wrong one.</summary>
    public AdminScope ScopeOf(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AdminScope.None;
        }
        var presented = Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, write) ? AdminScope.Write
            : read is not null && CryptographicOperations.FixedTimeEquals(presented, read) ? AdminScope.Read
            : AdminScope.None;
    }

    private static byte[] Read(string path)
    {
        var token = File.ReadAllText(path).Trim();
        return token.Length >= 16 ? Encoding.UTF8.GetBytes(token) : throw new ArgumentException($"the admin token in {path} is shorter than 16 characters");
    }
}
