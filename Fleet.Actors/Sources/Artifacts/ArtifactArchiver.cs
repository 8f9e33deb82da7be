using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Fleet.Actors.Sources.Ignore;

namespace Fleet.Actors.Sources.Artifacts;

/// <summary>
/// Writes a directory tree as a deterministic tar.gz: entries sorted by ordinal path, fixed times,
/// owner 0:0, modes normalised to 0755 (directories, executables) and 0644, no gzip name or time.
/// The same tree therefore gives the same bytes and the same sha256 digest on every node.
/// Only directories and regular files are archived, as Flux does; symbolic links are left out.
/// </summary>
public static class ArtifactArchiver
{
    private static readonly DateTimeOffset FixedTime = DateTimeOffset.UnixEpoch;
    private const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;

    /// <summary>Archives <paramref name="root"/> to <paramref name="destination"/>; returns `sha256:&lt;hex&gt;` and the size.</summary>
    public static async Task<(string Digest, long Size)> WriteAsync(string root, IgnoreMatcher matcher, string destination, CancellationToken cancellation)
    {
        await using (var file = File.Create(destination))
        {
            await using var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
            await using var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true);
            await WriteDirectoryAsync(tar, root, "", matcher, cancellation);
        }
        await using var read = File.OpenRead(destination);
        var hash = await SHA256.HashDataAsync(read, cancellation);
        return ("sha256:" + Convert.ToHexStringLower(hash), read.Length);
    }

    private static async Task WriteDirectoryAsync(TarWriter tar, string directory, string prefix, IgnoreMatcher matcher, CancellationToken cancellation)
    {
        var children = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(info => info.Name, StringComparer.Ordinal);
        foreach (var child in children)
        {
            var path = prefix.Length == 0 ? child.Name : $"{prefix}/{child.Name}";
            if (child.LinkTarget is not null)
            {
                continue;
            }
            var isDirectory = child is DirectoryInfo;
            if (matcher.IsIgnored(path, isDirectory))
            {
                continue;
            }
            if (isDirectory)
            {
                await tar.WriteEntryAsync(Entry(TarEntryType.Directory, path + "/", DirectoryMode), cancellation);
                await WriteDirectoryAsync(tar, child.FullName, path, matcher, cancellation);
            }
            else if (child is FileInfo file)
            {
                var executable = (file.UnixFileMode & UnixFileMode.UserExecute) != 0;
                var entry = Entry(TarEntryType.RegularFile, path, executable ? ExecutableMode : FileMode);
                await using var content = file.OpenRead();
                entry.DataStream = content;
                await tar.WriteEntryAsync(entry, cancellation);
            }
        }
    }

    private static GnuTarEntry Entry(TarEntryType type, string name, UnixFileMode mode) => new(type, name)
    {
        ModificationTime = FixedTime,
        AccessTime = FixedTime,
        ChangeTime = FixedTime,
        Mode = mode,
        Uid = 0,
        Gid = 0,
        UserName = "",
        GroupName = "",
    };
}
