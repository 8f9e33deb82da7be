using System.Collections.Immutable;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Sources.Helm;

/// <summary>The annotations source-controller puts on a Helm source's artifact events: the artifact's revision and digest.</summary>
public static class HelmEventMetadata
{
    public static IReadOnlyDictionary<string, string> Artifact(Artifact artifact)
    {
        var annotations = ImmutableDictionary<string, string>.Empty.Add($"{FluxGroups.Source}/revision", artifact.Revision);
        return artifact.Digest is { } digest ? annotations.Add($"{FluxGroups.Source}/digest", digest) : annotations;
    }
}
