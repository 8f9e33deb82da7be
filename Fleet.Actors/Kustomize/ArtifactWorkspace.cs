using Fleet.Actors.Sources.Artifacts;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Kustomize;

/// <summary>
/// A source artifact downloaded, checked against its digest and unpacked into a fresh temporary directory for one
/// build; disposing deletes it. Any failure is an ArtifactFailed build error.
/// </summary>
public sealed class ArtifactWorkspace : IAsyncDisposable
{
    private ArtifactWorkspace(string root) => Root = root;

    /// <summary>The directory holding the unpacked artifact.</summary>
    public string Root { get; }

    public static async Task<ArtifactWorkspace> FetchAsync(HttpClient http, Artifact artifact, CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("fleet-build-").FullName;
        try
        {
            if (artifact.Digest is not { Length: > 0 } digest)
            {
                throw new ArtifactDownloadException($"artifact of revision {artifact.Revision} has no digest");
            }
            await new ArtifactDownloader(http).DownloadAndExtractAsync(artifact.Url, digest, root, ct);
            return new ArtifactWorkspace(root);
        }
        catch (ArtifactDownloadException error)
        {
            Delete(root);
            throw new KustomizeBuildException(ConditionReasons.ArtifactFailed, error.Message, error);
        }
        catch
        {
            Delete(root);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Delete(Root);
        return ValueTask.CompletedTask;
    }

    private static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone: nothing left to clean up.
        }
    }
}
