using System.Security.Cryptography;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// HelmRepository indexes loaded on this node, by artifact digest, as Flux's index cache keeps them: each index artifact is
/// downloaded (from whichever node stored it), checked against its digest and parsed once, however many HelmCharts read it.
/// The <c>capacity</c> most recently used stay loaded.
/// </summary>
public sealed class HelmIndexCache(HttpClient http, int capacity = 32)
{
    private readonly Dictionary<string, (Task<HelmIndex> Index, long LastUsed)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _clock;

    /// <summary>The index of a HelmRepository artifact; a failed download or parse throws and is not remembered.</summary>
    public async Task<HelmIndex> GetAsync(Artifact artifact, CancellationToken cancellation)
    {
        var digest = artifact.Digest ?? throw new InvalidDataException($"the index artifact of revision '{artifact.Revision}' has no digest");
        Task<HelmIndex> index;
        lock (_lock)
        {
            index = _entries.TryGetValue(digest, out var entry) ? entry.Index : LoadAsync(artifact.Url, digest);
            _entries[digest] = (index, ++_clock);
            if (_entries.Count > capacity)
            {
                _entries.Remove(_entries.MinBy(e => e.Value.LastUsed).Key);
            }
        }
        try
        {
            return await index.WaitAsync(cancellation);
        }
        catch (Exception) when (!cancellation.IsCancellationRequested)
        {
            lock (_lock)
            {
                if (_entries.TryGetValue(digest, out var entry) && entry.Index == index)
                {
                    _entries.Remove(digest);
                }
            }
            throw;
        }
    }

    private async Task<HelmIndex> LoadAsync(string url, string digest)
    {
        using var response = await http.GetAsync(url, CancellationToken.None);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidDataException($"downloading the index artifact from {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        var bytes = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, digest, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"the index artifact from {url} has digest {actual}, expected {digest}");
        }
        return HelmIndex.Parse(bytes);
    }
}
