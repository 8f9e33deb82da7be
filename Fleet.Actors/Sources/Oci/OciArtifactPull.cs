using Fleet.Actors.Oci;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Oci;

/// <summary>
/// source-controller's fetch steps for an OCIRepository, on one <see cref="OciClient"/>: which tag or digest (`ref`
/// precedence digest, semver, tag, `latest`), the digest it has now, and the selected layer of its manifest. Each failure
/// is an <see cref="OciFetchException"/> with Flux's reason and words.
/// </summary>
public sealed class OciArtifactPull(OciClient client, string url)
{
    private const string DefaultPlatformOs = "linux";
    private const string DefaultPlatformArchitecture = "amd64";

    public async Task<OciResolvedRef> ResolveAsync(OciReference repository, OCIRepositoryRef? reference, CancellationToken cancellation)
    {
        if (reference?.Digest is { Length: > 0 } digest)
        {
            return new OciResolvedRef(repository.WithDigest(digest), digest);
        }
        var tag = reference?.Tag is { Length: > 0 } named ? named : "latest";
        if (reference?.SemVer is { Length: > 0 } range)
        {
            try
            {
                tag = OciSemverTag.Select(await client.ListTagsAsync(repository.Repository, cancellation), range, reference.SemverFilter);
            }
            catch (Exception error) when (error is OciException or FormatException)
            {
                throw new OciFetchException(SourceConditions.ReadOperationFailedReason, $"failed to determine the artifact tag for '{url}': {error.Message}");
            }
        }
        try
        {
            var head = await client.HeadManifestAsync(repository.Repository, tag, cancellation);
            return new OciResolvedRef(repository.WithTag(tag).WithDigest(head.Digest), $"{tag}@{head.Digest}");
        }
        catch (OciException error)
        {
            throw new OciFetchException(SourceConditions.OCIPullFailedReason, $"failed to determine artifact digest: {error.Message}");
        }
    }

    /// <summary>Downloads the selected layer of <paramref name="resolved"/> to <paramref name="destination"/>; returns the manifest's annotations.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> PullLayerAsync(
        OciResolvedRef resolved, OCILayerSelector? selector, string destination, CancellationToken cancellation)
    {
        OciManifest manifest;
        try
        {
            manifest = await ImageManifestAsync(resolved, cancellation);
        }
        catch (OciException error)
        {
            throw new OciFetchException(SourceConditions.OCIPullFailedReason, $"failed to pull artifact from '{url}': {error.Message}");
        }
        var layer = SelectLayer(manifest, selector?.MediaType);
        try
        {
            await using var file = File.Create(destination);
            await client.DownloadBlobAsync(resolved.Reference.Repository, layer, file, cancellation);
        }
        catch (OciException error)
        {
            throw new OciFetchException(SourceConditions.OCIPullFailedReason, $"failed to pull artifact from '{url}': {error.Message}");
        }
        return manifest.Annotations;
    }

    /// <summary>The image manifest of the digest; for an index, the linux/amd64 image as Flux's client picks by default, else the first.</summary>
    private async Task<OciManifest> ImageManifestAsync(OciResolvedRef resolved, CancellationToken cancellation)
    {
        var repository = resolved.Reference.Repository;
        var fetched = (await client.GetManifestAsync(repository, resolved.Digest, cancellation)).Manifest;
        if (!fetched.IsIndex)
        {
            return fetched;
        }
        var entries = fetched.Manifests ?? [];
        var chosen = entries.FirstOrDefault(m => m.Platform is { Os: DefaultPlatformOs, Architecture: DefaultPlatformArchitecture }) ?? entries.FirstOrDefault()
            ?? throw new OciException(OciErrorKind.Invalid, $"the index {resolved.Reference} lists no manifest");
        return (await client.GetManifestAsync(repository, chosen.Digest, cancellation)).Manifest;
    }

    private static OciDescriptor SelectLayer(OciManifest manifest, string? mediaType)
    {
        var layers = manifest.Layers ?? [];
        if (layers.Count == 0)
        {
            throw new OciFetchException(SourceConditions.OCILayerOperationFailedReason, "no layers found in artifact");
        }
        if (mediaType is not { Length: > 0 })
        {
            return layers[0];
        }
        return layers.FirstOrDefault(l => l.MediaType == mediaType)
            ?? throw new OciFetchException(SourceConditions.OCILayerOperationFailedReason, $"failed to find layer with media type '{mediaType}' in artifact");
    }
}
