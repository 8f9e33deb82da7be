using System.Text.RegularExpressions;

namespace Fleet.Node.Commands.Get;

/// <summary>Shortens every hexadecimal run of 40 to 128 characters (SHA-1 to SHA-512) to its first 8, as <c>flux get</c> does.</summary>
public static partial class HexTruncation
{
    public static string Truncate(string text) => text.Length == 0 ? text : Hex().Replace(text, m => m.Value[..8]);

    [GeneratedRegex(@"\b[a-f0-9]{40,128}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Hex();
}
