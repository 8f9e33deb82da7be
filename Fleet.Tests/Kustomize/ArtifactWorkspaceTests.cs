using Fleet.Actors.Kustomize;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Ignore;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Http;
using Fleet.Tests.Sources;
using Fleet.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Kustomize;

/// <summary>An artifact served over loopback HTTP, fetched into a build workspace: verified, unpacked, removed after.</summary>
public sealed class ArtifactWorkspaceTests : IAsyncLifetime
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-workspace-tests-");
    private readonly HttpClient _http = new();
    private ArtifactStore _store = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        _store = new ArtifactStore(Path.Combine(_temp.FullName, "data"), new Uri(baseUrl), new SteppingClock());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseUrl);
        _app = builder.Build();
        _app.MapArtifacts(_store);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _temp.Delete(recursive: true);
    }

    private async Task<Artifact> PublishAsync(params (string Path, string Content)[] files)
    {
        using var tree = new ManifestTree(files);
        var archive = _store.NewTemporaryPath();
        await ArtifactArchiver.WriteAsync(tree.Root, new IgnoreMatcher(), archive, CancellationToken.None);
        return await _store.StoreAsync("gitrepository", "default", "fleet", archive, "main@sha1:" + new string('a', 40), CancellationToken.None);
    }

    [Fact]
    public async Task A_fetched_artifact_builds_and_its_workspace_is_deleted_on_dispose()
    {
        var artifact = await PublishAsync(("apps/cm.yaml", ManifestTree.ConfigMapYaml("from-artifact")));
        string root;
        await using (var workspace = await ArtifactWorkspace.FetchAsync(_http, artifact, CancellationToken.None))
        {
            root = workspace.Root;
            var objects = await new KustomizeBuilder(KustomizeTool.Locate()).BuildAsync(workspace.Root, new KustomizationSpec { Path = "./apps" }, CancellationToken.None);
            Assert.Equal("from-artifact", (string?)Assert.Single(objects)["metadata"]!["name"]);
        }
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task A_digest_mismatch_is_an_artifact_failure()
    {
        var artifact = await PublishAsync(("cm.yaml", ManifestTree.ConfigMapYaml("cm")));
        var tampered = artifact with { Digest = "sha256:" + new string('0', 64) };

        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() => ArtifactWorkspace.FetchAsync(_http, tampered, CancellationToken.None));

        Assert.Equal(ConditionReasons.ArtifactFailed, error.Reason);
        Assert.Contains($"has digest {artifact.Digest}, expected {tampered.Digest}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_artifact_gone_from_its_node_is_an_artifact_failure()
    {
        var artifact = await PublishAsync(("cm.yaml", ManifestTree.ConfigMapYaml("cm")));
        var gone = artifact with { Url = artifact.Url.Replace(".tar.gz", "-gone.tar.gz", StringComparison.Ordinal) };

        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() => ArtifactWorkspace.FetchAsync(_http, gone, CancellationToken.None));

        Assert.Equal(ConditionReasons.ArtifactFailed, error.Reason);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }
}
