using System.Security.Cryptography;

namespace Fleet.Actors.Notification.Receivers.Verification;

/// <summary>
/// An HMAC signature header of the form <c>sha1|sha256|sha512=&lt;hex&gt;</c> checked against the body, as go-github's
/// ValidateSignature does for GitHub, Bitbucket Server and generic-hmac; compared in constant time.
/// </summary>
public static class HmacSignature
{
    /// <summary>Null when the signature is the body's HMAC under <paramref name="key"/>, else why not.</summary>
    public static string? Check(string? signature, byte[] body, byte[] key)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return "missing signature";
        }
        var equals = signature.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return "error parsing signature";
        }
        Func<byte[], byte[], byte[]>? mac = signature[..equals] switch
        {
            "sha1" => HMACSHA1.HashData,
            "sha256" => HMACSHA256.HashData,
            "sha512" => HMACSHA512.HashData,
            _ => null,
        };
        if (mac is null)
        {
            return "unknown hash type prefix";
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature[(equals + 1)..]);
        }
        catch (FormatException)
        {
            return "error decoding signature";
        }
        return CryptographicOperations.FixedTimeEquals(given, mac(key, body)) ? null : "payload signature check failed";
    }

    /// <summary>Nexus's header: the bare hex HMAC-SHA1 of the body, compared as text in constant time, as Flux's verifyHmacSignature does.</summary>
    public static bool CheckBareSha1Hex(string signature, byte[] body, byte[] key) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(signature),
            System.Text.Encoding.UTF8.GetBytes(Convert.ToHexStringLower(HMACSHA1.HashData(key, body))));

    /// <summary>Whether two secrets are equal, without the time taken telling how much of them matched.</summary>
    public static bool SameToken(string? given, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given ?? ""), expected);
}
