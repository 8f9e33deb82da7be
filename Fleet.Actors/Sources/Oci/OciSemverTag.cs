using System.Text.RegularExpressions;
using Fleet.Actors.Sources.SemVer;

namespace Fleet.Actors.Sources.Oci;

/// <summary>
/// OCIRepository's `ref.semver`: of the tags that match `semverFilter` (all when absent) and read as versions, the highest
/// in the range, as its original tag text.
/// </summary>
public static class OciSemverTag
{
    /// <summary>The tag to pull; throws <see cref="FormatException"/> with Flux's words when the range, the filter or the match fails.</summary>
    public static string Select(IEnumerable<string> tags, string range, string? filter)
    {
        Regex? pattern;
        try
        {
            pattern = filter is { Length: > 0 } ? new Regex(filter, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) : null;
        }
        catch (ArgumentException error)
        {
            throw new FormatException($"error parsing regexp: {error.Message}");
        }
        SemVerRange constraint;
        try
        {
            constraint = SemVerRange.Parse(range);
        }
        catch (FormatException error)
        {
            throw new FormatException($"semver '{range}' parse error: {error.Message}");
        }
        var best = tags
            .Where(tag => pattern is null || pattern.IsMatch(tag))
            .Select(tag => (Tag: tag, Version: SemanticVersion.TryParse(tag)))
            .Where(t => t.Version is not null && constraint.Matches(t.Version))
            .OrderByDescending(t => t.Version)
            .ThenBy(t => t.Tag, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Tag ?? throw new FormatException($"no match found for semver: {range}");
    }
}
