using System.Text;
using System.Text.RegularExpressions;

namespace Fleet.Actors.Sources.Ignore;

/// <summary>
/// One line of a .gitignore-format file (.sourceignore, spec.ignore), bound to the directory it was
/// found in: `!` negates, a trailing `/` matches directories only, a `/` elsewhere anchors the pattern
/// to its directory, `*`, `?`, `[...]` and `**` glob as in git.
/// </summary>
public sealed class IgnorePattern
{
    private readonly Regex _regex;
    private readonly string _domain;

    private IgnorePattern(Regex regex, string domain, bool negate, bool directoryOnly)
    {
        _regex = regex;
        _domain = domain;
        Negate = negate;
        DirectoryOnly = directoryOnly;
    }

    public bool Negate { get; }

    public bool DirectoryOnly { get; }

    /// <summary>Parses a line; null for blank lines and comments. <paramref name="domain"/> is the
    /// '/'-separated directory the file sits in, "" for the root.</summary>
    public static IgnorePattern? Parse(string line, string domain = "")
    {
        var text = TrimTrailingSpace(line.TrimEnd('\r'));
        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }
        var negate = text[0] == '!';
        if (negate)
        {
            text = text[1..];
        }
        else if (text.StartsWith("\\!", StringComparison.Ordinal) || text.StartsWith("\\#", StringComparison.Ordinal))
        {
            text = text[1..];
        }
        var directoryOnly = text.EndsWith('/');
        text = text.TrimEnd('/');
        if (text.Length == 0)
        {
            return null;
        }
        var anchored = text.Contains('/');
        text = text.TrimStart('/');
        var regex = new StringBuilder("^");
        if (!anchored)
        {
            regex.Append("(?:.*/)?");
        }
        AppendGlob(regex, text);
        regex.Append('$');
        return new IgnorePattern(new Regex(regex.ToString(), RegexOptions.CultureInvariant), domain.Trim('/'), negate, directoryOnly);
    }

    /// <summary>Whether the pattern names <paramref name="path"/> ('/'-separated, relative to the tree root).</summary>
    public bool Matches(string path, bool isDirectory)
    {
        if (DirectoryOnly && !isDirectory)
        {
            return false;
        }
        if (_domain.Length > 0)
        {
            if (!path.StartsWith(_domain + "/", StringComparison.Ordinal))
            {
                return false;
            }
            path = path[(_domain.Length + 1)..];
        }
        return _regex.IsMatch(path);
    }

    private static void AppendGlob(StringBuilder regex, string glob)
    {
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var atStart = i == 0 || glob[i - 1] == '/';
                var slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                if (atStart && slashAfter)
                {
                    regex.Append("(?:.*/)?");
                    i += 2;
                }
                else
                {
                    regex.Append(".*");
                    i += 1;
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '[' && glob.IndexOf(']', i + 1) is var close && close > i + 1)
            {
                var body = glob[(i + 1)..close];
                var negated = body[0] is '!' or '^';
                regex.Append('[').Append(negated ? "^" : "").Append(Regex.Escape(negated ? body[1..] : body).Replace("\\-", "-", StringComparison.Ordinal)).Append(']');
                i = close;
            }
            else if (c == '\\' && i + 1 < glob.Length)
            {
                regex.Append(Regex.Escape(glob[++i].ToString()));
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }
    }

    private static string TrimTrailingSpace(string text)
    {
        var end = text.Length;
        while (end > 0 && text[end - 1] == ' ' && !(end > 1 && text[end - 2] == '\\'))
        {
            end--;
        }
        return text[..end];
    }
}
