using System.Globalization;
using System.Text.RegularExpressions;

namespace Fleet.Actors.Sources.SemVer;

/// <summary>
/// A version range in the syntax Flux takes for `ref.semver` (Masterminds semver): comparisons
/// (`=`, `!=`, `&gt;`, `&lt;`, `&gt;=`, `&lt;=`), `~` and `^`, wildcards (`1.x`, `*`), space- or comma-separated
/// conjunctions and `||` alternatives. Pre-releases match only a range that names a pre-release.
/// </summary>
public sealed partial class SemVerRange
{
    private readonly IReadOnlyList<IReadOnlyList<Func<SemanticVersion, bool>>> _alternatives;
    private readonly bool _allowsPreRelease;

    private SemVerRange(IReadOnlyList<IReadOnlyList<Func<SemanticVersion, bool>>> alternatives, bool allowsPreRelease, string text)
    {
        _alternatives = alternatives;
        _allowsPreRelease = allowsPreRelease;
        Text = text;
    }

    public string Text { get; }

    [GeneratedRegex(@"^(=|!=|>=|<=|>|<|~>|~|\^)?\s*v?([0-9xX*]+)(?:\.([0-9xX*]+))?(?:\.([0-9xX*]+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex Comparator();

    [GeneratedRegex(@"(=|!=|>=|<=|>|<|~>|~|\^)\s+")]
    private static partial Regex OperatorSpace();

    /// <summary>Parses a range; a malformed one throws <see cref="FormatException"/> naming the bad part.</summary>
    public static SemVerRange Parse(string text)
    {
        var alternatives = new List<IReadOnlyList<Func<SemanticVersion, bool>>>();
        var allowsPreRelease = false;
        foreach (var alternative in text.Split("||"))
        {
            var glued = OperatorSpace().Replace(alternative.Trim(), "$1");
            var parts = glued.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            var checks = new List<Func<SemanticVersion, bool>>();
            foreach (var part in parts.Length == 0 ? ["*"] : parts)
            {
                var match = Comparator().Match(part);
                if (!match.Success)
                {
                    throw new FormatException($"'{part}' in semver range '{text}' is not a version comparison");
                }
                allowsPreRelease |= match.Groups[5].Success;
                checks.Add(Build(match));
            }
            alternatives.Add(checks);
        }
        return new SemVerRange(alternatives, allowsPreRelease, text);
    }

    public bool Matches(SemanticVersion version)
    {
        if (version.PreRelease.Length > 0 && !_allowsPreRelease)
        {
            return false;
        }
        return _alternatives.Any(all => all.All(check => check(version)));
    }

    private static Func<SemanticVersion, bool> Build(Match match)
    {
        var op = match.Groups[1].Value;
        var major = Part(match.Groups[2]);
        var minor = Part(match.Groups[3]);
        var patch = Part(match.Groups[4]);
        var pre = match.Groups[5].Value;
        if (major is null)
        {
            return op is "<" or "!=" ? _ => false : _ => true;
        }
        var floor = new SemanticVersion(major.Value, minor ?? 0, patch ?? 0, pre);
        // The first version past a wildcard: 1.x -> 2.0.0, 1.2.x -> 1.3.0, 1.2.3 -> just 1.2.3 itself.
        var exact = minor is not null && patch is not null;
        var next = minor is null ? new SemanticVersion(major.Value + 1, 0, 0, "")
            : patch is null ? new SemanticVersion(major.Value, minor.Value + 1, 0, "")
            : floor;
        return op switch
        {
            "" or "=" => exact ? v => v.CompareTo(floor) == 0 : v => v >= floor && v < next,
            "!=" => exact ? v => v.CompareTo(floor) != 0 : v => v < floor || v >= next,
            ">" => exact ? v => v > floor : v => v >= next,
            ">=" => v => v >= floor,
            "<" => v => v < floor,
            "<=" => exact ? v => v <= floor : v => v < next,
            "~" or "~>" => Tilde(floor, major.Value, minor),
            "^" => Caret(floor, major.Value, minor, patch),
            _ => throw new FormatException($"unknown operator '{op}'"),
        };
    }

    private static Func<SemanticVersion, bool> Tilde(SemanticVersion floor, int major, int? minor)
    {
        var ceiling = minor is null ? new SemanticVersion(major + 1, 0, 0, "") : new SemanticVersion(major, minor.Value + 1, 0, "");
        return v => v >= floor && v < ceiling;
    }

    private static Func<SemanticVersion, bool> Caret(SemanticVersion floor, int major, int? minor, int? patch)
    {
        // ^ keeps the left-most non-zero part fixed.
        var ceiling = major > 0 || minor is null ? new SemanticVersion(major + 1, 0, 0, "")
            : minor > 0 || patch is null ? new SemanticVersion(0, minor.Value + 1, 0, "")
            : new SemanticVersion(0, 0, patch.Value + 1, "");
        return v => v >= floor && v < ceiling;
    }

    private static int? Part(Group group) =>
        group.Success && int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public override string ToString() => Text;
}
