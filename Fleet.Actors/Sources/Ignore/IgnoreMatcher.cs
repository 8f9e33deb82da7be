namespace Fleet.Actors.Sources.Ignore;

/// <summary>An ordered list of ignore patterns; as in git, the last pattern that names a path decides.</summary>
public sealed class IgnoreMatcher
{
    private readonly List<IgnorePattern> _patterns = [];

    public IgnoreMatcher Add(IEnumerable<IgnorePattern> patterns)
    {
        _patterns.AddRange(patterns);
        return this;
    }

    /// <summary>Adds every pattern in a .gitignore-format text, bound to <paramref name="domain"/>.</summary>
    public IgnoreMatcher AddText(string text, string domain = "") => Add(ParseText(text, domain));

    public static IEnumerable<IgnorePattern> ParseText(string text, string domain = "") =>
        text.Split('\n').Select(line => IgnorePattern.Parse(line, domain)).OfType<IgnorePattern>();

    /// <summary>Whether <paramref name="path"/> is excluded. Callers walk top-down and skip an excluded
    /// directory's content, so a file inside an excluded directory cannot be re-included (as in git).</summary>
    public bool IsIgnored(string path, bool isDirectory)
    {
        for (var i = _patterns.Count - 1; i >= 0; i--)
        {
            if (_patterns[i].Matches(path, isDirectory))
            {
                return !_patterns[i].Negate;
            }
        }
        return false;
    }
}
