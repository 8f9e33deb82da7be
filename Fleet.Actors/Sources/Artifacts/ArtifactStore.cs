using System.Security.Cryptography;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Sources.Artifacts;

/// <summary>
/// Artifacts on local disk under `&lt;data&gt;/artifacts/&lt;kind&gt;/&lt;ns&gt;/&lt;name&gt;/&lt;digest-hex&gt;.tar.gz`,
/// served at `&lt;advertised base URL&gt;/&lt;kind&gt;/&lt;ns&gt;/&lt;name&gt;/&lt;file&gt;`. Keeps the newest
/// <see cref="Retained"/> per object and deletes the rest.
/// </summary>
public sealed class ArtifactStore
{
    public const int Retained = 2;

    /// <summary>The artifact files served: source archives, packaged charts, chart repository indexes.</summary>
    private static readonly string[] ServedExtensions = [".tar.gz", ".tgz", ".yaml"];

    private readonly TimeProvider _clock;
    private readonly Task<string> _baseUrl;

    public ArtifactStore(string dataDirectory, Uri advertisedBaseUrl, TimeProvider? clock = null)
        : this(dataDirectory, Task.FromResult(advertisedBaseUrl), clock)
    {
    }

    /// <summary>
    /// A store whose advertised base URL is known only later: a node on `--http-port 0` learns its port once the
    /// HTTP server has bound, which may be after the first reconcile started.
    /// </summary>
    public ArtifactStore(string dataDirectory, Task<Uri> advertisedBaseUrl, TimeProvider? clock = null)
    {
        Root = Path.GetFullPath(Path.Combine(dataDirectory, "artifacts"));
        _baseUrl = Normalized(advertisedBaseUrl);
        _clock = clock ?? TimeProvider.System;
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The base URL artifact URLs start with, without a trailing slash; waits until it is known.</summary>
    public Task<string> BaseUrlAsync(CancellationToken cancellation) => _baseUrl.WaitAsync(cancellation);

    private static async Task<string> Normalized(Task<Uri> url) => (await url).ToString().TrimEnd('/');

    /// <summary>A scratch file path on the same file system, for building an archive before <see cref="StoreAsync"/>.</summary>
    public string NewTemporaryPath() => Path.Combine(Root, $".tmp-{Guid.NewGuid():N}.tar.gz");

    /// <summary>
    /// Moves a built archive into place under its digest (or under <paramref name="fileName"/>, as Flux names a chart
    /// `&lt;chart&gt;-&lt;version&gt;.tgz` and an index `index-&lt;digest&gt;.yaml`), garbage-collects older ones, and describes it.
    /// </summary>
    public async Task<Artifact> StoreAsync(
        string kind, string ns, string name, string archive, string revision, CancellationToken cancellation, string? fileName = null)
    {
        string hex;
        await using (var read = File.OpenRead(archive))
        {
            hex = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, cancellation));
        }
        var relative = $"{Segment(kind)}/{Segment(ns)}/{Segment(name)}/{(fileName is null ? hex + ".tar.gz" : Segment(fileName))}";
        var target = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(archive, target, overwrite: true);
        var now = _clock.GetUtcNow().UtcDateTime;
        File.SetLastWriteTimeUtc(target, now);
        CollectGarbage(Path.GetDirectoryName(target)!, target);
        return new Artifact
        {
            Path = relative,
            Url = $"{await BaseUrlAsync(cancellation)}/{relative}",
            Revision = revision,
            Digest = "sha256:" + hex,
            LastUpdateTime = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc),
            Size = new FileInfo(target).Length,
        };
    }

    /// <summary>Opens a stored artifact by its URL path (`kind/ns/name/file`); null if absent or not a valid path.</summary>
    public FileStream? Open(string relativePath)
    {
        var parts = relativePath.Trim('/').Split('/');
        if (parts.Length != 4 || parts.Any(part => !IsSafeSegment(part)) || !ServedExtensions.Any(e => parts[3].EndsWith(e, StringComparison.Ordinal)))
        {
            return null;
        }
        var file = Path.Combine(Root, Path.Combine(parts));
        return File.Exists(file) ? File.OpenRead(file) : null;
    }

    /// <summary>Whether <paramref name="artifact"/> is in this node's storage under this node's URL, which is what Flux's reconcileStorage checks.</summary>
    public async Task<bool> HoldsAsync(Artifact artifact, CancellationToken cancellation) =>
        artifact.Url.StartsWith(await BaseUrlAsync(cancellation) + "/", StringComparison.Ordinal) && File.Exists(Path.Combine(Root, artifact.Path));

    /// <summary>Removes every artifact of an object (on deletion of the object).</summary>
    public void Delete(string kind, string ns, string name)
    {
        var directory = Path.Combine(Root, Segment(kind), Segment(ns), Segment(name));
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The stored archives of an object, newest first.</summary>
    public IReadOnlyList<string> List(string kind, string ns, string name)
    {
        var directory = Path.Combine(Root, Segment(kind), Segment(ns), Segment(name));
        return Directory.Exists(directory) ? Newest(directory).Select(file => file.FullName).ToList() : [];
    }

    private static void CollectGarbage(string directory, string current)
    {
        var kept = 1;
        foreach (var file in Newest(directory).Where(file => file.FullName != current))
        {
            if (kept++ >= Retained)
            {
                file.Delete();
            }
        }
    }

    private static IEnumerable<FileInfo> Newest(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles()
            .Where(file => ServedExtensions.Any(e => file.Name.EndsWith(e, StringComparison.Ordinal)))
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .ThenBy(file => file.Name, StringComparer.Ordinal);

    private static string Segment(string value) =>
        IsSafeSegment(value) ? value : throw new ArgumentException($"'{value}' is not a valid artifact path segment");

    private static bool IsSafeSegment(string value) =>
        value.Length > 0 && value != "." && value != ".." && value.IndexOfAny(['/', '\\', '\0']) < 0;
}
