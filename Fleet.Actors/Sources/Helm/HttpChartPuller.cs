namespace Fleet.Actors.Sources.Helm;

/// <summary>Downloads chart packages from HTTP(S) repositories through the node's <see cref="ChartCache"/>.</summary>
public sealed class HttpChartPuller(ChartCache cache)
{
    /// <summary>Flux's default `--helm-chart-max-size`.</summary>
    public const long MaxChartBytes = 10L << 20;

    public Task<ChartLease> PullAsync(HelmRepositoryAccess access, ChartVersionEntry entry, CancellationToken cancellation)
    {
        if (entry.Urls.Count == 0)
        {
            throw new ChartBuildException(ChartBuildError.Pull, $"failed to download chart for remote reference: chart '{entry.Name}' has no downloadable URLs");
        }
        var url = HelmRepositoryUrl.Resolve(access.Url, entry.Urls[0]);
        var key = ChartCache.KeyOf(access.Url.ToString(), entry.Name, entry.Version, entry.Digest, access.CacheIdentity);
        return cache.AcquireAsync(key, async token =>
        {
            using var http = new HelmHttp(access);
            return await http.GetAsync(url, MaxChartBytes, token);
        }, cancellation);
    }
}
