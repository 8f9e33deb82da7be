using System.Globalization;
using System.Text.RegularExpressions;
using Fleet.Actors.Sources.SemVer;
using Fleet.Messages.Api.Image;

namespace Fleet.Actors.Image;

/// <summary>
/// image-reflector-controller's choice of the latest tag: `filterTags.pattern` keeps matching tags and `extract` turns each
/// into the value to order by; then `semver` takes the highest version in range (pre-releases only when the range names
/// one), `alphabetical` the last in byte order (`asc`, the default) or the first (`desc`), and `numerical` the largest
/// (`asc`) or smallest (`desc`) number, every tag having to be one. The pick is returned as its original tag.
/// </summary>
public static class TagPolicy
{
    public const string Ascending = "asc";
    public const string Descending = "desc";

    public static string Select(IEnumerable<string> tags, ImagePolicyChoice policy, ImagePolicyTagFilter? filter)
    {
        var chooser = Chooser(policy);
        var values = Filter(tags, filter);
        if (values.Count == 0)
        {
            throw new TagSelectionException("version list argument cannot be empty", invalidSpec: false);
        }
        var latest = chooser(values.Select(v => v.Value).ToList());
        return values.First(v => v.Value == latest).Tag;
    }

    /// <summary>Each kept tag with the value its policy orders by, in the repository's order.</summary>
    private static List<(string Tag, string Value)> Filter(IEnumerable<string> tags, ImagePolicyTagFilter? filter)
    {
        if (filter?.Pattern is not { Length: > 0 } pattern)
        {
            return tags.Select(t => (t, t)).ToList();
        }
        Regex regex;
        try
        {
            regex = GoRegex.Compile(pattern);
        }
        catch (ArgumentException error)
        {
            throw new TagSelectionException($"invalid regular expression pattern '{pattern}': {error.Message}", invalidSpec: true);
        }
        return tags
            .Where(t => regex.IsMatch(t))
            .Select(t => (t, filter.Extract is { Length: > 0 } extract ? GoRegex.ReplaceAll(regex, t, extract) : t))
            .ToList();
    }

    private static Func<IReadOnlyList<string>, string> Chooser(ImagePolicyChoice policy) =>
        policy switch
        {
            { SemVer: { } semver } => SemVer(semver.Range),
            { Alphabetical: { } alphabetical } => Alphabetical(Order(alphabetical.Order)),
            { Numerical: { } numerical } => Numerical(Order(numerical.Order)),
            _ => throw new TagSelectionException("no policy given: set one of semver, alphabetical or numerical", invalidSpec: true),
        };

    private static Func<IReadOnlyList<string>, string> SemVer(string range)
    {
        SemVerRange constraint;
        try
        {
            constraint = SemVerRange.Parse(range);
        }
        catch (FormatException error)
        {
            throw new TagSelectionException($"invalid semver range '{range}': {error.Message}", invalidSpec: true);
        }
        return values => values
            .Select(v => (Text: v, Version: SemanticVersion.TryParse(v)))
            .Where(v => v.Version is not null && constraint.Matches(v.Version))
            .OrderByDescending(v => v.Version)
            .Select(v => v.Text)
            .FirstOrDefault()
            ?? throw new TagSelectionException("unable to determine latest version from provided list", invalidSpec: false);
    }

    private static Func<IReadOnlyList<string>, string> Alphabetical(string order) =>
        values =>
        {
            var sorted = values.Order(StringComparer.Ordinal).ToList();
            return order == Ascending ? sorted[^1] : sorted[0];
        };

    /// <summary>Go's loop over the list: a tie goes to the later tag, and one tag that is not a number fails the policy.</summary>
    private static Func<IReadOnlyList<string>, string> Numerical(string order) =>
        values =>
        {
            var latest = "";
            var best = 0.0;
            for (var i = 0; i < values.Count; i++)
            {
                if (!double.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw new TagSelectionException($"failed to parse invalid numeric value '{values[i]}'", invalidSpec: false);
                }
                if (i > 0 && (order == Ascending ? number < best : number > best))
                {
                    continue;
                }
                latest = values[i];
                best = number;
            }
            return latest;
        };

    private static string Order(string? order) =>
        order switch
        {
            null or "" or Ascending => Ascending,
            Descending => Descending,
            _ => throw new TagSelectionException($"invalid order argument provided: '{order}', must be one of: {Ascending}, {Descending}", invalidSpec: true),
        };
}
