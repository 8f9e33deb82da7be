using Fleet.Actors.Sources.Artifacts;

namespace Fleet.Actors.Sources.Helm;

/// <summary>What every HelmChart on a node shares: loaded indexes, downloaded chart packages, unpacked source trees, the packager.</summary>
public sealed class HelmChartNodeCaches(HelmIndexCache indexes, HttpChartPuller http, UnpackedArtifacts trees, ChartPackager packager)
{
    public HelmIndexCache Indexes { get; } = indexes;
    public HttpChartPuller Http { get; } = http;
    public UnpackedArtifacts Trees { get; } = trees;
    public ChartPackager Packager { get; } = packager;

    /// <summary>The caches of a node, under its data directory.</summary>
    public static HelmChartNodeCaches For(SourceServices services)
    {
        var helm = Path.Combine(services.DataDirectory, "helm");
        return new HelmChartNodeCaches(
            new HelmIndexCache(services.Http),
            new HttpChartPuller(new ChartCache(Path.Combine(helm, "charts"))),
            new UnpackedArtifacts(services.Http, Path.Combine(helm, "sources")),
            new ChartPackager(HelmTool.Locate(), Path.Combine(helm, "home")));
    }
}
