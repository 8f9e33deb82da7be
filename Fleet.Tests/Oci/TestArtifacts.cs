using Fleet.Actors.Oci;

namespace Fleet.Tests.Oci;

/// <summary>Flux-format artifacts pushed to a test registry with Fleet's own client, from files given as path and text.</summary>
public static class TestArtifacts
{
    public static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static async Task<string> PushAsync(OciClient client, OciReference target, IReadOnlyDictionary<string, string> files, string revision = "main@sha1:0123456789abcdef0123456789abcdef01234567")
    {
        var directory = Directory.CreateTempSubdirectory("fleet-artifact-");
        try
        {
            foreach (var (path, text) in files)
            {
                var file = Path.Combine(directory.FullName, path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllTextAsync(file, text);
            }
            return await FluxArtifactPublisher.PushAsync(
                client, new FluxArtifactPush(target, directory.FullName, "https://example.com/org/repo", revision, Created), CancellationToken.None);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
