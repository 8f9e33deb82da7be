using System.Formats.Tar;
using System.IO.Compression;

namespace Fleet.Tests.Sources;

/// <summary>Reads the entry names and file contents of a tar.gz artifact, for assertions.</summary>
public static class ArchiveEntries
{
    public static IReadOnlyDictionary<string, string?> Read(string archive)
    {
        var result = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        for (var entry = tar.GetNextEntry(); entry is not null; entry = tar.GetNextEntry())
        {
            result[entry.Name] = entry.DataStream is { } data ? new StreamReader(data).ReadToEnd() : null;
        }
        return result;
    }
}
