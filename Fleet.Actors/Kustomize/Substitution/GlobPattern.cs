using System.Text;
using System.Text.RegularExpressions;

namespace Fleet.Actors.Kustomize.Substitution;

/// <summary>Shell patterns as Go's path.Match reads them: `*` and `?` stop at `/`, `[…]` classes with `^` negation, `\` escapes.</summary>
internal static class GlobPattern
{
    /// <summary>False when the pattern is malformed; <paramref name="matched"/> tells whether the whole text matches.</summary>
    public static bool TryMatch(string pattern, string text, out bool matched)
    {
        matched = false;
        if (ToRegex(pattern) is not { } regex)
        {
            return false;
        }
        matched = Regex.IsMatch(text, regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return true;
    }

    private static string? ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '\\':
                    if (++i >= pattern.Length)
                    {
                        return null;
                    }
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0 || end == i + 1 || (end == i + 2 && pattern[i + 1] == '^'))
                    {
                        return null;
                    }
                    var body = pattern[(i + 1)..end];
                    var negated = body.StartsWith('^');
                    regex.Append('[').Append(negated ? "^" : "").Append(Regex.Escape(negated ? body[1..] : body)).Append(']');
                    i = end;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return regex.Append('$').ToString();
    }
}
