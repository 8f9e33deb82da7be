using Fleet.Actors.Sources.Artifacts;

namespace Fleet.Node.Http;

/// <summary>Serves the node's stored artifacts at `/&lt;kind&gt;/&lt;ns&gt;/&lt;name&gt;/&lt;file&gt;`, the URL pattern Flux uses.</summary>
public static class ArtifactEndpoints
{
    public static IEndpointRouteBuilder MapArtifacts(this IEndpointRouteBuilder endpoints, ArtifactStore store)
    {
        endpoints.MapGet("/{kind}/{ns}/{name}/{file}", (string kind, string ns, string name, string file) =>
            store.Open($"{kind}/{ns}/{name}/{file}") is { } stream
                ? Results.Stream(stream, "application/gzip", file)
                : Results.NotFound());
        return endpoints;
    }
}
