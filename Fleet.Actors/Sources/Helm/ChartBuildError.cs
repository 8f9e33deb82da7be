namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// Why a chart build failed, as source-controller's chart builder names it: the condition reason, the summary its message
/// starts with, and whether only a new spec can fix it (Flux stalls on those).
/// </summary>
public sealed record ChartBuildError(string Reason, string Summary, bool Persistent = false)
{
    public static readonly ChartBuildError Reference = new("InvalidChartReference", "invalid chart reference", Persistent: true);
    public static readonly ChartBuildError Pull = new("ChartPullError", "chart pull error");
    public static readonly ChartBuildError MetadataPatch = new("MetadataPatchError", "chart metadata patch error", Persistent: true);
    public static readonly ChartBuildError ValuesFilesMerge = new("ValuesFilesError", "values files merge error", Persistent: true);
    public static readonly ChartBuildError DependencyBuild = new("DependencyBuildError", "dependency build error");
    public static readonly ChartBuildError Package = new("ChartPackageError", "chart package error");

    /// <summary>Whether Flux reports it under BuildFailed rather than FetchFailed.</summary>
    public bool IsBuildFailure => this == MetadataPatch || this == ValuesFilesMerge || this == DependencyBuild || this == Package;
}
