using System.Formats.Tar;
using System.IO.Compression;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Ignore;

namespace Fleet.Tests.Sources;

/// <summary>Linux only, like the node: the tests set Unix file modes.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ArtifactArchiverTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-archiver-");

    private string Tree(string name, DateTime modified, UnixFileMode scriptMode)
    {
        var root = Directory.CreateDirectory(Path.Combine(_temp.FullName, name)).FullName;
        Directory.CreateDirectory(Path.Combine(root, "b"));
        File.WriteAllText(Path.Combine(root, "b", "z.yaml"), "z");
        File.WriteAllText(Path.Combine(root, "a.yaml"), "a");
        File.WriteAllText(Path.Combine(root, "run.sh"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(root, "run.sh"), scriptMode);
        File.SetUnixFileMode(Path.Combine(root, "a.yaml"), (UnixFileMode)0b110_110_110);
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(entry, modified);
        }
        return root;
    }

    [Fact]
    public async Task Times_owners_and_permissions_of_the_files_do_not_change_the_bytes()
    {
        var first = Path.Combine(_temp.FullName, "first.tar.gz");
        var second = Path.Combine(_temp.FullName, "second.tar.gz");
        var (digest1, _) = await ArtifactArchiver.WriteAsync(Tree("one", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), (UnixFileMode)0b111_000_000), new IgnoreMatcher(), first, CancellationToken.None);
        var (digest2, _) = await ArtifactArchiver.WriteAsync(Tree("two", new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc), (UnixFileMode)0b111_111_111), new IgnoreMatcher(), second, CancellationToken.None);

        Assert.Equal(digest1, digest2);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public async Task Entries_are_sorted_with_fixed_time_owner_and_normalised_modes_and_gzip_has_no_name_or_time()
    {
        var archive = Path.Combine(_temp.FullName, "a.tar.gz");
        await ArtifactArchiver.WriteAsync(Tree("one", DateTime.UtcNow, (UnixFileMode)0b111_000_000), new IgnoreMatcher(), archive, CancellationToken.None);

        var header = File.ReadAllBytes(archive)[..10];
        Assert.Equal(0, header[3] & 0x08);
        Assert.Equal(new byte[4], header[4..8]);

        var entries = new List<TarEntry>();
        await using (var file = File.OpenRead(archive))
        await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        await using (var tar = new TarReader(gzip))
        {
            for (var entry = await tar.GetNextEntryAsync(copyData: true); entry is not null; entry = await tar.GetNextEntryAsync(copyData: true))
            {
                entries.Add(entry);
            }
        }
        Assert.Equal(["a.yaml", "b/", "b/z.yaml", "run.sh"], entries.Select(entry => entry.Name));
        Assert.All(entries, entry =>
        {
            Assert.Equal(DateTimeOffset.UnixEpoch, entry.ModificationTime);
            Assert.Equal(0, entry.Uid);
            Assert.Equal(0, entry.Gid);
        });
        Assert.Equal((UnixFileMode)0b110_100_100, entries[0].Mode);
        Assert.Equal((UnixFileMode)0b111_101_101, entries[1].Mode);
        Assert.Equal((UnixFileMode)0b111_101_101, entries[3].Mode);
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
