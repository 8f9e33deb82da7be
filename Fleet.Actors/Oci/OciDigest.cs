using System.Security.Cryptography;

namespace Fleet.Actors.Oci;

/// <summary>Content digests as OCI writes them (`sha256:&lt;hex&gt;`), computed and checked.</summary>
public static class OciDigest
{
    public static string Of(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static async Task<string> OfAsync(Stream content, CancellationToken cancellation) =>
        "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellation));

    /// <summary>The hash algorithm a digest names; only the ones the OCI spec registers are accepted.</summary>
    public static HashAlgorithmName AlgorithmOf(string digest) =>
        digest.Split(':', 2)[0] switch
        {
            "sha256" => HashAlgorithmName.SHA256,
            "sha512" => HashAlgorithmName.SHA512,
            _ => throw new OciException(OciErrorKind.Invalid, $"unsupported digest algorithm in '{digest}'"),
        };

    public static string Format(HashAlgorithmName algorithm, byte[] hash) =>
        (algorithm == HashAlgorithmName.SHA512 ? "sha512:" : "sha256:") + Convert.ToHexStringLower(hash);

    public static void Verify(string expected, ReadOnlySpan<byte> content, string what)
    {
        var algorithm = AlgorithmOf(expected);
        var actual = algorithm == HashAlgorithmName.SHA512 ? "sha512:" + Convert.ToHexStringLower(SHA512.HashData(content)) : Of(content);
        if (actual != expected)
        {
            throw new OciException(OciErrorKind.Invalid, $"{what} has digest '{actual}', expected '{expected}'");
        }
    }
}
