namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// What shapes a build besides the chart: the build metadata appended to its version (Flux's generation and/or source
/// revision), the values files to merge (already without a lone `values.yaml`), and whether missing ones are skipped.
/// </summary>
public sealed record ChartBuildOptions(string? VersionMetadata, IReadOnlyList<string> ValuesFiles, bool IgnoreMissingValuesFiles)
{
    public bool RequiresPackaging => ValuesFiles.Count > 0 || VersionMetadata is not null;

    /// <summary>The version a chart of <paramref name="version"/> is published as: with the build metadata, normalized as semver prints it.</summary>
    public string VersionOf(string version)
    {
        if (VersionMetadata is null)
        {
            return version;
        }
        var parsed = SemVer.SemanticVersion.TryParse(version)
            ?? throw new ChartBuildException(ChartBuildError.MetadataPatch, $"failed to parse version from chart metadata as SemVer: invalid semantic version '{version}'");
        return $"{parsed}+{VersionMetadata}";
    }
}
