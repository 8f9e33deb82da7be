using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Sources.Artifacts;

/// <summary>
/// Source artifacts unpacked on this node, one read-only directory per digest, shared by every build that reads the
/// same revision: a thousand Kustomizations of one repository download and unpack it once. A directory stays while a
/// lease holds it; beyond <c>capacity</c> directories or <c>maxBytes</c> on disk, the least recently used free ones are
/// deleted. A failed download is not remembered, so the next build tries again.
/// </summary>
public sealed class UnpackedArtifacts
{
    private readonly ArtifactDownloader _downloader;
    private readonly string _directory;
    private readonly int _capacity;
    private readonly long _maxBytes;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _clock;

    /// <param name="directory">Where the unpacked artifacts live; emptied now, as nothing in it is in use yet.</param>
    public UnpackedArtifacts(HttpClient http, string directory, int capacity = 32, long maxBytes = 1L << 30)
    {
        _downloader = new ArtifactDownloader(http);
        _directory = Path.GetFullPath(directory);
        _capacity = capacity;
        _maxBytes = maxBytes;
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        Directory.CreateDirectory(_directory);
    }

    /// <summary>Unpacks the artifact, or joins the download already under way, and leases its directory.</summary>
    public async Task<UnpackedArtifact> AcquireAsync(Artifact artifact, CancellationToken cancellation)
    {
        if (artifact.Digest is not { Length: > 0 } digest)
        {
            throw new ArtifactDownloadException($"artifact of revision {artifact.Revision} has no digest");
        }
        Entry entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(digest, out var existing))
            {
                var directory = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
                // Not the caller's token: other builds may be waiting for the same download.
                existing = new Entry(directory, UnpackAsync(artifact.Url, digest, directory));
                _entries[digest] = existing;
            }
            entry = existing;
            entry.Leases++;
        }
        try
        {
            await entry.Unpacked.WaitAsync(cancellation);
            return new UnpackedArtifact(entry.Directory, () => Release(digest, entry));
        }
        catch
        {
            lock (_lock)
            {
                entry.Leases--;
                if (entry.Unpacked.IsFaulted && _entries.TryGetValue(digest, out var current) && current == entry)
                {
                    _entries.Remove(digest);
                }
            }
            throw;
        }
    }

    private async Task<long> UnpackAsync(string url, string digest, string directory)
    {
        try
        {
            await _downloader.DownloadAndExtractAsync(url, digest, directory, CancellationToken.None);
            return new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        }
        catch
        {
            Delete(directory);
            throw;
        }
    }

    private void Release(string digest, Entry entry)
    {
        var evicted = new List<Entry>();
        lock (_lock)
        {
            entry.Leases--;
            entry.LastUsed = ++_clock;
            var bytes = _entries.Values.Where(e => e.Unpacked.IsCompletedSuccessfully).Sum(e => e.Unpacked.Result);
            var free = _entries.Where(e => e.Value.Leases == 0 && e.Value.Unpacked.IsCompletedSuccessfully).OrderBy(e => e.Value.LastUsed);
            foreach (var (key, old) in free.ToList())
            {
                if (_entries.Count <= _capacity && bytes <= _maxBytes)
                {
                    break;
                }
                _entries.Remove(key);
                bytes -= old.Unpacked.Result;
                evicted.Add(old);
            }
        }
        evicted.ForEach(e => Delete(e.Directory));
    }

    private static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created, or already gone.
        }
    }

    private sealed class Entry(string directory, Task<long> unpacked)
    {
        public string Directory { get; } = directory;

        /// <summary>Completes with the unpacked size in bytes.</summary>
        public Task<long> Unpacked { get; } = unpacked;
        public int Leases { get; set; }
        public long LastUsed { get; set; }
    }
}
