namespace Fleet.Actors.Sources.Helm;

/// <summary>A chart build failed; the message is Flux's `&lt;summary&gt;: &lt;detail&gt;`.</summary>
public sealed class ChartBuildException(ChartBuildError error, string detail, Exception? inner = null) : Exception($"{error.Summary}: {detail}", inner)
{
    public ChartBuildError Error { get; } = error;
}
