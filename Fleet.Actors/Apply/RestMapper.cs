using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;

namespace Fleet.Actors.Apply;

/// <summary>
/// Maps a group/version/kind to its resource through discovery (<c>/api/v1</c>, <c>/apis/&lt;g&gt;/&lt;v&gt;</c>), one
/// request per group version, cached. A miss refreshes that group version, at most once per
/// <see cref="MinRefreshInterval"/>, so a CRD established a moment ago becomes known without flooding discovery.
/// </summary>
public sealed class RestMapper(IKubernetes client, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Discovered> _groupVersions = new(StringComparer.Ordinal);
    public TimeSpan MinRefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The mapping of a kind, or null when the API server serves no such kind in that group version; a discovery
    /// request the API server refuses otherwise throws <see cref="ApiCallException"/>.
    /// </summary>
    public async Task<RestMapping?> FindAsync(string group, string version, string kind, CancellationToken cancellationToken)
    {
        var key = group + "/" + version;
        if (_groupVersions.TryGetValue(key, out var known))
        {
            if (known.Kinds.TryGetValue(kind, out var mapping))
            {
                return mapping;
            }

            if (time.GetUtcNow() - known.At < MinRefreshInterval)
            {
                return null;
            }
        }

        var discovered = await DiscoverAsync(group, version, cancellationToken);
        _groupVersions[key] = discovered;
        return discovered.Kinds.GetValueOrDefault(kind);
    }

    /// <summary>Lets the next miss refresh at once, e.g. right after this process applied a CRD.</summary>
    public void ForgetMisses()
    {
        foreach (var key in _groupVersions.Keys)
        {
            if (_groupVersions.TryGetValue(key, out var known))
            {
                _groupVersions.TryUpdate(key, known with { At = DateTimeOffset.MinValue }, known);
            }
        }
    }

    private async Task<Discovered> DiscoverAsync(string group, string version, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            var list = await client.CustomObjects.GetAPIResourcesAsync(group, version, cancellationToken);
            var kinds = new Dictionary<string, RestMapping>(StringComparer.Ordinal);
            foreach (var resource in list.Resources ?? [])
            {
                // Names with a slash are subresources (deployments/scale), not kinds of their own.
                if (!resource.Name.Contains('/', StringComparison.Ordinal))
                {
                    kinds.TryAdd(resource.Kind, new RestMapping(resource.Name, resource.Namespaced));
                }
            }

            return new Discovered(kinds, now);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return new Discovered(new Dictionary<string, RestMapping>(), now);
        }
        catch (HttpOperationException error)
        {
            throw new ApiCallException(ApiError.From(error));
        }
    }

    private sealed record Discovered(IReadOnlyDictionary<string, RestMapping> Kinds, DateTimeOffset At);
}
