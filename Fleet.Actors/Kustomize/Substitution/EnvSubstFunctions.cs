using System.Globalization;
using System.Text;

namespace Fleet.Actors.Kustomize.Substitution;

/// <summary>
/// The string operations behind each `${var…}` operator, with Flux's quirks kept: every default-giving operator
/// (`:-`, `:=`, `:+`, `:?`, …) yields the value when it is non-empty and the concatenated arguments otherwise.
/// </summary>
internal static class EnvSubstFunctions
{
    public static string Apply(string name, string value, string[] args) => name switch
    {
        "," => value.Length == 0 ? value : char.ToLowerInvariant(value[0]) + value[1..],
        ",," => value.ToLowerInvariant(),
        "^" => value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..],
        "^^" => value.ToUpperInvariant(),
        "#" when args.Length == 0 => Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture),
        "#" => TrimPrefix(value, args[0], longest: false),
        "##" => TrimPrefix(value, args[0], longest: true),
        "%" => TrimSuffix(value, args[0], longest: false),
        "%%" => TrimSuffix(value, args[0], longest: true),
        ":" => Substring(value, args),
        "/#" => args.Length == 2 && value.StartsWith(args[0], StringComparison.Ordinal) ? args[1] + value[args[0].Length..] : value,
        "/%" => args.Length == 2 && value.EndsWith(args[0], StringComparison.Ordinal) ? value[..^args[0].Length] + args[1] : value,
        "/" => Replace(value, args, firstOnly: true),
        "//" => Replace(value, args, firstOnly: false),
        _ => value.Length == 0 && args.Length > 0 ? string.Concat(args) : value,
    };

    private static string Substring(string value, string[] args)
    {
        if (args.Length == 0 || !int.TryParse(args[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var position))
        {
            // bash keeps the value when the offset is not a number
            return value;
        }
        if (position < 0)
        {
            position = Math.Max(0, value.Length + position);
        }
        if (args.Length == 1)
        {
            return position < value.Length ? value[position..] : "";
        }
        if (!int.TryParse(args[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var length))
        {
            return value;
        }
        if (position + length >= value.Length)
        {
            return position < value.Length ? value[position..] : "";
        }
        return value.Substring(position, length);
    }

    private static string Replace(string value, string[] args, bool firstOnly)
    {
        if (args.Length == 0 || args[0].Length == 0)
        {
            return value;
        }
        var replacement = args.Length > 1 ? args[1] : "";
        if (!firstOnly)
        {
            return value.Replace(args[0], replacement, StringComparison.Ordinal);
        }
        var index = value.IndexOf(args[0], StringComparison.Ordinal);
        return index < 0 ? value : string.Concat(value.AsSpan(0, index), replacement, value.AsSpan(index + args[0].Length));
    }

    private static string TrimPrefix(string value, string pattern, bool longest)
    {
        string? match = null;
        for (var end = value.Length; end > 0; end--)
        {
            var candidate = value[..end];
            if (!GlobPattern.TryMatch(pattern, candidate, out var matched))
            {
                return value;
            }
            if (matched)
            {
                match = candidate;
                if (longest)
                {
                    break;
                }
            }
        }
        return match is null ? value : value[match.Length..];
    }

    private static string TrimSuffix(string value, string pattern, bool longest)
    {
        var reversed = Reverse(TrimPrefix(Reverse(value), Reverse(pattern), longest));
        return reversed;
    }

    private static string Reverse(string text)
    {
        var characters = text.ToCharArray();
        Array.Reverse(characters);
        return new string(characters);
    }
}
