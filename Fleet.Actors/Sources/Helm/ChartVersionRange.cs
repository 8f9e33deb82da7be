using Fleet.Actors.Sources.SemVer;

namespace Fleet.Actors.Sources.Helm;

/// <summary>A HelmChart's `version`: a semver range, where empty and `*` mean the newest stable version.</summary>
public static class ChartVersionRange
{
    public static SemVerRange Parse(string? version, Func<string, Exception> invalid)
    {
        try
        {
            return SemVerRange.Parse(string.IsNullOrEmpty(version) ? "*" : version);
        }
        catch (FormatException error)
        {
            throw invalid($"improper constraint: {version} ({error.Message})");
        }
    }
}
