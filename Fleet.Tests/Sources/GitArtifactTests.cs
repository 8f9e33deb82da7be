using Fleet.Actors.Sources;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Git;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;
using Fleet.Node.Sandbox.Git;
using Fleet.Tests.Support.Git;

namespace Fleet.Tests.Sources;

/// <summary>From a served repository to a stored artifact: exclusions, sparse checkout, submodules, include, determinism.</summary>
public sealed class GitArtifactTests : IAsyncLifetime
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-git-artifact-");
    private string _root = "";
    private GitHttpServer _server = null!;
    private GitWorkRepository _repo = null!;

    public async Task InitializeAsync()
    {
        _root = Directory.CreateDirectory(Path.Combine(_temp.FullName, "served")).FullName;
        _server = await GitHttpServer.StartAsync(_root);
        _repo = GitWorkRepository.Init(_root, "app");
        _repo.Write("deploy/app.yaml", "kind: ConfigMap\n")
            .Write("deploy/logo.png", "png")
            .Write("deploy/.sops.yaml", "creation_rules: []\n")
            .Write(".github/workflows/ci.yaml", "on: push\n")
            .Write(".gitignore", "bin/\n")
            .Write(".gitlab-ci.yml", "x: y\n")
            .Write("docs/readme.md", "# docs\n")
            .Write("docs/notes.txt", "notes\n")
            .Write("docs/.sourceignore", "*.txt\n")
            .Write(".sourceignore", "/scratch/\n")
            .Write("scratch/tmp.yaml", "tmp\n")
            .Commit("initial");
    }

    private GitFetchRequest Request(string copy = "copy", GitRepositoryRef? reference = null) =>
        new(_server.UrlOf(_repo), reference, GitCredentials.None, Path.Combine(_temp.FullName, copy), GitFetchRequest.DefaultTimeout);

    private async Task<(Artifact Artifact, ArtifactStore Store)> BuildAsync(
        GitFetchRequest request, string? ignore = null, string data = "data", IReadOnlyList<IncludedTree>? includes = null, string name = "app")
    {
        var store = new ArtifactStore(Path.Combine(_temp.FullName, data), new Uri("http://127.0.0.1:9090"));
        var fetched = await GitFetcher.FetchAsync(request, CancellationToken.None);
        var artifact = await new GitArtifactBuilder(store).BuildAsync("default", name, request, fetched, ignore, includes ?? [], CancellationToken.None);
        return (artifact, store);
    }

    private static IReadOnlyDictionary<string, string?> Entries(ArtifactStore store, Artifact artifact) =>
        ArchiveEntries.Read(Path.Combine(store.Root, artifact.Path));

    [Fact]
    public async Task Default_exclusions_and_sourceignore_files_leave_out_vcs_ci_images_and_ignored_paths()
    {
        var (artifact, store) = await BuildAsync(Request());
        var entries = Entries(store, artifact).Keys.Where(name => !name.EndsWith('/')).ToList();
        // As in Flux, the .sourceignore files themselves stay in the artifact.
        Assert.Equal([".sourceignore", "deploy/app.yaml", "docs/.sourceignore", "docs/readme.md"], entries);
        Assert.Equal($"master@sha1:{_repo.Head()}", artifact.Revision);
        Assert.StartsWith("sha256:", artifact.Digest, StringComparison.Ordinal);
        Assert.Equal($"http://127.0.0.1:9090/gitrepository/default/app/{artifact.Digest![7..]}.tar.gz", artifact.Url);
        Assert.Equal(new FileInfo(Path.Combine(store.Root, artifact.Path)).Length, artifact.Size);
    }

    [Fact]
    public async Task Spec_ignore_replaces_the_default_exclusions_but_git_files_stay_out()
    {
        var (artifact, store) = await BuildAsync(Request(), ignore: "*.yaml\n!deploy/app.yaml\n");
        var entries = Entries(store, artifact).Keys.Where(name => !name.EndsWith('/')).ToList();
        Assert.Contains("deploy/logo.png", entries);
        Assert.Contains("deploy/app.yaml", entries);
        Assert.Contains(".gitlab-ci.yml", entries);
        Assert.DoesNotContain(".gitignore", entries);
        Assert.DoesNotContain("scratch/tmp.yaml", entries);
        Assert.DoesNotContain(".github/workflows/ci.yaml", entries);
    }

    [Fact]
    public async Task The_same_tree_gives_the_same_digest_across_fetches_working_copies_stores_and_commits()
    {
        var (first, _) = await BuildAsync(Request("copy-a"), data: "node-a");
        var (again, _) = await BuildAsync(Request("copy-a"), data: "node-a");
        var (elsewhere, _) = await BuildAsync(Request("copy-b"), data: "node-b");
        _repo.Commit("empty commit, same tree");
        var (sameTree, _) = await BuildAsync(Request("copy-a"), data: "node-a");
        _repo.Write("deploy/app.yaml", "kind: Secret\n").Commit("changed");
        var (changed, _) = await BuildAsync(Request("copy-a"), data: "node-a");

        Assert.Equal(first.Digest, again.Digest);
        Assert.Equal(first.Digest, elsewhere.Digest);
        Assert.Equal(first.Digest, sameTree.Digest);
        Assert.NotEqual(first.Revision, sameTree.Revision);
        Assert.NotEqual(first.Digest, changed.Digest);
    }

    [Fact]
    public async Task Sparse_checkout_keeps_only_the_listed_directories()
    {
        var request = Request() with { SparseCheckout = ["docs"] };
        var (artifact, store) = await BuildAsync(request);
        Assert.Equal(["docs/", "docs/.sourceignore", "docs/readme.md"], Entries(store, artifact).Keys);
    }

    [Fact]
    public async Task Submodules_are_fetched_only_with_recurseSubmodules()
    {
        var library = GitWorkRepository.Init(_root, "library");
        library.Write("lib.yaml", "lib: true\n").Commit("lib");
        _repo.AddSubmodule(_server.UrlOf(library), "vendor/library");
        _repo.Commit("add submodule");

        var (without, store) = await BuildAsync(Request("plain"));
        var (with, _) = await BuildAsync(Request("recursive") with { RecurseSubmodules = true }, name: "app-recursive");

        Assert.DoesNotContain("vendor/library/lib.yaml", Entries(store, without).Keys);
        Assert.Equal("lib: true\n", Entries(store, with)["vendor/library/lib.yaml"]);
    }

    [Fact]
    public async Task Include_copies_another_artifact_from_fromPath_to_toPath()
    {
        var other = GitWorkRepository.Init(_root, "shared");
        other.Write("base/kustomization.yaml", "resources: []\n").Write("other/x.yaml", "x\n").Commit("shared");
        var otherRequest = new GitFetchRequest(_server.UrlOf(other), null, GitCredentials.None, Path.Combine(_temp.FullName, "shared-copy"), GitFetchRequest.DefaultTimeout);
        var (otherArtifact, store) = await BuildAsync(otherRequest, name: "shared");
        var extracted = Path.Combine(_temp.FullName, "shared-extracted");
        await SafeExtractor.ExtractAsync(Path.Combine(store.Root, otherArtifact.Path), extracted, CancellationToken.None);

        var (artifact, _) = await BuildAsync(Request(), includes: [new IncludedTree("shared", extracted, "base", "vendor/shared")]);

        var entries = Entries(store, artifact);
        Assert.Equal("resources: []\n", entries["vendor/shared/kustomization.yaml"]);
        Assert.DoesNotContain(entries.Keys, name => name.Contains("other/x.yaml", StringComparison.Ordinal));
        Assert.Contains("deploy/app.yaml", entries.Keys);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Delete(recursive: true);
    }
}
