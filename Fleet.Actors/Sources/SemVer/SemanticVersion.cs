using System.Globalization;
using System.Text.RegularExpressions;

namespace Fleet.Actors.Sources.SemVer;

/// <summary>
/// A semantic version as tags carry it: an optional `v`, one to three numbers (missing ones are 0),
/// an optional pre-release and build metadata. Ordering follows semver.org; build metadata is ignored.
/// </summary>
public sealed partial record SemanticVersion(int Major, int Minor, int Patch, string PreRelease) : IComparable<SemanticVersion>
{
    [GeneratedRegex(@"^v?(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?(?:\.(0|[1-9][0-9]*))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex Shape();

    public static SemanticVersion? TryParse(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success)
        {
            return null;
        }
        return new SemanticVersion(Number(match.Groups[1]), Number(match.Groups[2]), Number(match.Groups[3]), match.Groups[4].Value);
    }

    private static int Number(Group group) =>
        group.Success && int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }
        var core = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (core != 0)
        {
            return core;
        }
        return ComparePreRelease(PreRelease, other.PreRelease);
    }

    private static int ComparePreRelease(string left, string right)
    {
        if (left == right)
        {
            return 0;
        }
        // A release sorts above any of its pre-releases.
        if (left.Length == 0)
        {
            return 1;
        }
        if (right.Length == 0)
        {
            return -1;
        }
        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var aNumeric = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var aNumber);
            var bNumeric = long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var bNumber);
            var order = (aNumeric, bNumeric) switch
            {
                (true, true) => aNumber.CompareTo(bNumber),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (order != 0)
            {
                return order;
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    public static bool operator <(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}" + (PreRelease.Length > 0 ? "-" + PreRelease : "");
}
