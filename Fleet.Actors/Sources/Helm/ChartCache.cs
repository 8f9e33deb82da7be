using System.Security.Cryptography;
using System.Text;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// Chart packages downloaded on this node, one file per repository address, chart, version, digest and credentials: a
/// chart version that a thousand HelmCharts use is downloaded once, and concurrent requests for it share one download.
/// A file stays while a lease holds it; beyond <c>capacity</c> files or <c>maxBytes</c>, the least recently used free ones
/// are deleted. A failed download is not remembered, so the next request tries again.
/// </summary>
public sealed class ChartCache
{
    private readonly string _directory;
    private readonly int _capacity;
    private readonly long _maxBytes;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _clock;

    /// <param name="directory">Where the packages live; emptied now, as nothing in it is in use yet.</param>
    public ChartCache(string directory, int capacity = 256, long maxBytes = 512L << 20)
    {
        _directory = Path.GetFullPath(directory);
        _capacity = capacity;
        _maxBytes = maxBytes;
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        Directory.CreateDirectory(_directory);
    }

    private long _downloads;

    /// <summary>How many downloads this cache started (a hit starts none).</summary>
    public long Downloads => Interlocked.Read(ref _downloads);

    /// <summary>The cache key of one chart version fetched with one set of credentials.</summary>
    public static string KeyOf(string repository, string chart, string version, string? digest, string identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{repository}\n{chart}\n{version}\n{digest}\n{identity}")));

    /// <summary>The cached package of <paramref name="key"/>, downloading it with <paramref name="download"/> when absent.</summary>
    public async Task<ChartLease> AcquireAsync(string key, Func<CancellationToken, Task<byte[]>> download, CancellationToken cancellation)
    {
        Entry entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var existing))
            {
                Interlocked.Increment(ref _downloads);
                var path = Path.Combine(_directory, key + ".tgz");
                // Not the caller's token: other HelmCharts may be waiting for the same download, which its timeout bounds.
                existing = new Entry(path, SaveAsync(path, download));
                _entries[key] = existing;
            }
            entry = existing;
            entry.Leases++;
        }
        try
        {
            await entry.Saved.WaitAsync(cancellation);
            return new ChartLease(entry.Path, () => Release(entry));
        }
        catch
        {
            lock (_lock)
            {
                entry.Leases--;
                if (entry.Saved.IsFaulted || entry.Saved.IsCanceled)
                {
                    if (_entries.TryGetValue(key, out var current) && current == entry)
                    {
                        _entries.Remove(key);
                    }
                }
            }
            throw;
        }
    }

    private static async Task<long> SaveAsync(string path, Func<CancellationToken, Task<byte[]>> download)
    {
        var bytes = await download(CancellationToken.None);
        var temporary = path + ".part";
        await File.WriteAllBytesAsync(temporary, bytes, CancellationToken.None);
        File.Move(temporary, path, overwrite: true);
        return bytes.LongLength;
    }

    private void Release(Entry entry)
    {
        var evicted = new List<Entry>();
        lock (_lock)
        {
            entry.Leases--;
            entry.LastUsed = ++_clock;
            var bytes = _entries.Values.Where(e => e.Saved.IsCompletedSuccessfully).Sum(e => e.Saved.Result);
            foreach (var (key, old) in _entries.Where(e => e.Value.Leases == 0 && e.Value.Saved.IsCompletedSuccessfully).OrderBy(e => e.Value.LastUsed).ToList())
            {
                if (_entries.Count <= _capacity && bytes <= _maxBytes)
                {
                    break;
                }
                _entries.Remove(key);
                bytes -= old.Saved.Result;
                evicted.Add(old);
            }
        }
        evicted.ForEach(e => File.Delete(e.Path));
    }

    private sealed class Entry(string path, Task<long> saved)
    {
        public string Path { get; } = path;

        /// <summary>Completes with the package's size in bytes.</summary>
        public Task<long> Saved { get; } = saved;
        public int Leases { get; set; }
        public long LastUsed { get; set; }
    }
}
