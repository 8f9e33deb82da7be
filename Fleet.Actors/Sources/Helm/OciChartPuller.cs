using Fleet.Actors.Sources.SemVer;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// Charts from an OCI HelmRepository, as Flux's OCI chart repository finds them: an exact version is taken as the tag
/// (Helm writes `+` as `_` in tags); otherwise the newest tag within the range. The chart layer is downloaded through the
/// node's <see cref="ChartCache"/>, keyed by its digest, so a version pulled once on a node is not pulled again.
/// </summary>
public sealed class OciChartPuller(ChartCache cache)
{
    /// <summary>The version and tag <paramref name="version"/> picks for <paramref name="chart"/>.</summary>
    public async Task<(string Version, string Tag)> ResolveAsync(OciRegistryClient registry, string chart, string? version, CancellationToken cancellation)
    {
        if (!string.IsNullOrEmpty(version) && SemanticVersion.TryParse(version) is not null)
        {
            return (version, version.Replace('+', '_'));
        }
        IReadOnlyList<string> tags;
        try
        {
            tags = await registry.TagsAsync(registry.RepositoryOf(chart), cancellation);
        }
        catch (HelmFetchException error) when (!error.Unauthorized)
        {
            throw new HelmFetchException(error.Reason, $"could not get tags for \"{chart}\": {error.Message}", error);
        }
        var versions = tags.Select(t => t.Replace('_', '+')).ToList();
        if (versions.Count == 0)
        {
            throw new ChartReferenceException($"failed to get chart version for remote reference: unable to locate any tags in provided repository: {chart}");
        }
        if (!string.IsNullOrEmpty(version) && versions.Contains(version))
        {
            return (version, version.Replace('+', '_'));
        }
        var range = ChartVersionRange.Parse(version, detail => new ChartReferenceException($"failed to get chart version for remote reference: {detail}"));
        var newest = versions
            .Select(v => (Text: v, Semantic: SemanticVersion.TryParse(v)))
            .Where(v => v.Semantic is not null && range.Matches(v.Semantic))
            .OrderByDescending(v => v.Semantic)
            .FirstOrDefault();
        return newest.Text is { } found
            ? (found, found.Replace('+', '_'))
            : throw new ChartReferenceException($"failed to get chart version for remote reference: could not locate a version matching provided version string {version}");
    }

    /// <summary>The chart package of <paramref name="chart"/>:<paramref name="tag"/>, from the cache or the registry.</summary>
    public async Task<ChartLease> PullAsync(
        HelmRepositoryAccess access, OciRegistryClient registry, string chart, string version, string tag, CancellationToken cancellation)
    {
        var repository = registry.RepositoryOf(chart);
        var (digest, _) = await registry.ChartLayerAsync(repository, tag, cancellation);
        var key = ChartCache.KeyOf(access.Url.ToString(), chart, version, digest, access.CacheIdentityFor(access.Url));
        return await cache.AcquireAsync(key, token => registry.BlobAsync(repository, digest, HttpChartPuller.MaxChartBytes, token), cancellation);
    }
}
