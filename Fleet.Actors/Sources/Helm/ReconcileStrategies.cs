namespace Fleet.Actors.Sources.Helm;

/// <summary>A HelmChart's `reconcileStrategy`: a new artifact per chart version (the default) or per source revision.</summary>
public static class ReconcileStrategies
{
    public const string ChartVersion = "ChartVersion";
    public const string Revision = "Revision";
}
