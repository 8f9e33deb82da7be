namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// A built chart: its name and the version it is published as (with Flux's build metadata), the packaged file, the values
/// files merged into it, and whether it was packaged (values or metadata changed) or pulled as the repository served it.
/// </summary>
public sealed record ChartBuild(string Name, string Version, string Path, IReadOnlyList<string> ValuesFiles, bool Packaged)
{
    /// <summary>Flux's Build.Summary: `pulled 'podinfo' chart with version '6.0.3'`, `packaged ... and merged values files [a b]`.</summary>
    public string Summary
    {
        get
        {
            var text = $"{(Packaged ? "packaged" : "pulled")} '{Name}' chart with version '{Version}'";
            return ValuesFiles.Count > 0 ? $"{text} and merged values files [{string.Join(' ', ValuesFiles)}]" : text;
        }
    }

    /// <summary>The reason Flux gives a build's ArtifactInStorage condition and event.</summary>
    public string Reason => Packaged ? Messages.Api.Source.SourceConditions.ChartPackageSucceededReason : Messages.Api.Source.SourceConditions.ChartPullSucceededReason;
}
