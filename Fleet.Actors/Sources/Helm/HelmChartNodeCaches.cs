using Fleet.Actors.Sources.Artifacts;

namespace Fleet.Actors.Sources.Helm;

/// <summary>What every HelmChart on a node shares: loaded indexes, downloaded chart packages, unpacked source trees, the packager.</summary>
public sealed class HelmChartNodeCaches(HelmIndexCache indexes, HttpChartPuller http, OciChartPuller oci, UnpackedArtifacts trees, ChartPackager packager)
{
    public HelmIndexCache Indexes { get; } = indexes;
    public HttpChartPuller Http { get; } = http;
    public OciChartPuller Oci { get; } = oci;
    public UnpackedArtifacts Trees { get; } = trees;
    public ChartPackager Packager { get; } = packager;

    /// <summary>The caches of a node, under its data directory.</summary>
    public static HelmChartNodeCaches For(SourceServices services)
    {
        var helm = Path.Combine(services.DataDirectory, "helm");
        var charts = new ChartCache(Path.Combine(helm, "charts"));
        return new HelmChartNodeCaches(
            new HelmIndexCache(services.Http),
            new HttpChartPuller(charts),
            new OciChartPuller(charts),
            new UnpackedArtifacts(services.Http, Path.Combine(helm, "sources")),
            new ChartPackager(HelmTool.Locate(), Path.Combine(helm, "home")));
    }
}
