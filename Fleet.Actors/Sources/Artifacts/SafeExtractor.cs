using System.Formats.Tar;
using System.IO.Compression;

namespace Fleet.Actors.Sources.Artifacts;

/// <summary>
/// Unpacks a tar.gz artifact, accepting only directories and regular files whose paths stay inside the
/// destination: absolute paths, `..` segments, links and devices are refused, so an artifact from
/// another node cannot write outside its directory.
/// </summary>
public static class SafeExtractor
{
    public static async Task ExtractAsync(string archive, string destination, CancellationToken cancellation)
    {
        var root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        await using var file = File.OpenRead(archive);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        for (var entry = await tar.GetNextEntryAsync(cancellationToken: cancellation); entry is not null; entry = await tar.GetNextEntryAsync(cancellationToken: cancellation))
        {
            var target = Resolve(root, entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await using (var output = File.Create(target))
                    {
                        if (entry.DataStream is { } data)
                        {
                            await data.CopyToAsync(output, cancellation);
                        }
                    }
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(target, (entry.Mode & UnixFileMode.UserExecute) != 0 ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
                    }
                    break;
                default:
                    throw new ArtifactDownloadException($"artifact entry '{entry.Name}' is a {entry.EntryType}; only files and directories are accepted");
            }
        }
    }

    private static string Resolve(string root, string name)
    {
        var relative = name.Replace('\\', '/');
        if (relative.StartsWith('/') || relative.Split('/').Contains(".."))
        {
            throw new ArtifactDownloadException($"artifact entry '{name}' points outside the artifact");
        }
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (full != root && !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArtifactDownloadException($"artifact entry '{name}' points outside the artifact");
        }
        return full;
    }
}
