using System.Globalization;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Ignore;

namespace Fleet.Actors.Oci;

/// <summary>
/// Publishes a directory the way `flux push artifact` does: one tar+gzip content layer, an empty Flux config, and an OCI
/// manifest annotated with the source, revision and creation time, so that an OCIRepository (Flux's or Fleet's) reads it.
/// </summary>
public static class FluxArtifactPublisher
{
    /// <summary>Pushes and returns the manifest's digest.</summary>
    public static async Task<string> PushAsync(OciClient client, FluxArtifactPush push, CancellationToken cancellation)
    {
        if (!Directory.Exists(push.Directory))
        {
            throw new OciException(OciErrorKind.BadInput, $"'{push.Directory}' is not a directory");
        }
        var archive = Path.Combine(Path.GetTempPath(), $"fleet-push-{Guid.NewGuid():N}.tar.gz");
        try
        {
            var matcher = new IgnoreMatcher().Add(IgnoreMatcher.ParseText(string.Join('\n', SourceIgnore.VcsPatterns)));
            await ArtifactArchiver.WriteAsync(push.Directory, matcher, archive, cancellation);
            var repository = push.Target.Repository;
            var layer = await client.PushBlobAsync(repository, await File.ReadAllBytesAsync(archive, cancellation), OciMediaTypes.FluxContent, cancellation);
            var config = await client.PushBlobAsync(repository, "{}"u8.ToArray(), OciMediaTypes.FluxConfig, cancellation);
            var manifest = new OciManifest
            {
                MediaType = OciMediaTypes.ImageManifest,
                Config = config,
                Layers = [layer],
                Annotations = new Dictionary<string, string>
                {
                    [OciAnnotations.Created] = push.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    [OciAnnotations.Source] = push.Source,
                    [OciAnnotations.Revision] = push.Revision,
                },
            };
            return await client.PushManifestAsync(repository, push.Target.Reference, manifest.ToJsonBytes(), OciMediaTypes.ImageManifest, cancellation);
        }
        finally
        {
            File.Delete(archive);
        }
    }
}
