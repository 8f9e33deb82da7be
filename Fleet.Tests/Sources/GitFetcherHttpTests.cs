using Fleet.Actors.Sources.Git;
using Fleet.Messages.Api.Source;
using Fleet.Node.Sandbox.Git;
using Fleet.Tests.Support.Git;

namespace Fleet.Tests.Sources;

/// <summary>Ref kinds and precedence against a real `git http-backend` on loopback, through LibGit2Sharp.</summary>
public sealed class GitFetcherHttpTests : IAsyncLifetime
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-git-http-");
    private GitHttpServer _server = null!;
    private GitWorkRepository _repo = null!;
    private string _first = "";
    private string _second = "";

    public async Task InitializeAsync()
    {
        var root = Directory.CreateDirectory(Path.Combine(_temp.FullName, "served")).FullName;
        _server = await GitHttpServer.StartAsync(root);
        _repo = GitWorkRepository.Init(root, "app");
        _first = _repo.Write("deploy/app.yaml", "kind: ConfigMap\n").Commit("first");
        _repo.LightweightTag("v1.0.0").AnnotatedTag("v1.1.0", "release 1.1.0");
        _second = _repo.Write("deploy/app.yaml", "kind: Secret\n").Commit("second");
        _repo.AnnotatedTag("v2.0.0", "release 2.0.0").LightweightTag("v2.1.0-rc.1");
        _repo.CreateBranch("feature").Write("feature.txt", "f").Commit("feature");
        _repo.UpdateRef("refs/pull/1/head").Checkout("master");
    }

    private GitFetchRequest Request(GitRepositoryRef? reference, string copy = "copy") =>
        new(_server.UrlOf(_repo), reference, GitCredentials.None, Path.Combine(_temp.FullName, copy), GitFetchRequest.DefaultTimeout);

    [Fact]
    public async Task No_ref_follows_the_master_branch()
    {
        var result = await GitFetcher.FetchAsync(Request(null), CancellationToken.None);
        Assert.Equal($"master@sha1:{_second}", result.Revision);
        Assert.True(result.Downloaded);
    }

    [Fact]
    public async Task Branch_resolves_to_its_head()
    {
        var feature = GitCli.Run(_repo.Directory, "rev-parse", "feature");
        var result = await GitFetcher.FetchAsync(Request(new GitRepositoryRef { Branch = "feature" }), CancellationToken.None);
        Assert.Equal($"feature@sha1:{feature}", result.Revision);
    }

    [Fact]
    public async Task Lightweight_and_annotated_tags_resolve_to_their_commit()
    {
        var light = await GitFetcher.FetchAsync(Request(new GitRepositoryRef { Tag = "v1.0.0" }), CancellationToken.None);
        var annotated = await GitFetcher.FetchAsync(Request(new GitRepositoryRef { Tag = "v2.0.0" }, "copy2"), CancellationToken.None);
        Assert.Equal($"v1.0.0@sha1:{_first}", light.Revision);
        Assert.Equal($"v2.0.0@sha1:{_second}", annotated.Revision);
    }

    [Fact]
    public async Task Semver_picks_the_highest_matching_tag_and_skips_prereleases()
    {
        var within1 = await GitFetcher.FetchAsync(Request(new GitRepositoryRef { SemVer = ">=1.0.0 <2.0.0" }), CancellationToken.None);
        var any = await GitFetcher.FetchAsync(Request(new GitRepositoryRef { SemVer = "*" }, "copy2"), CancellationToken.None);
        Assert.Equal($"v1.1.0@sha1:{_first}", within1.Revision);
        Assert.Equal($"v2.0.0@sha1:{_second}", any.Revision);
    }

    [Fact]
    public async Task Name_keeps_the_full_ref_for_non_branch_refs()
    {
        var feature = GitCli.Run(_repo.Directory, "rev-parse", "feature");
        var pull = await GitFetcher.FetchAsync(Request(new GitRepositoryRef { Name = "refs/pull/1/head" }), CancellationToken.None);
        var head = await GitFetcher.FetchAsync(Request(new GitRepositoryRef { Name = "refs/heads/master" }, "copy2"), CancellationToken.None);
        Assert.Equal($"refs/pull/1/head@sha1:{feature}", pull.Revision);
        Assert.Equal($"master@sha1:{_second}", head.Revision);
    }

    [Fact]
    public async Task Commit_alone_gives_a_bare_sha_revision_and_with_a_branch_the_branch_name()
    {
        var alone = await GitFetcher.FetchAsync(Request(new GitRepositoryRef { Commit = _first }), CancellationToken.None);
        var onBranch = await GitFetcher.FetchAsync(Request(new GitRepositoryRef { Commit = _first, Branch = "master" }, "copy2"), CancellationToken.None);
        Assert.Equal($"sha1:{_first}", alone.Revision);
        Assert.Equal($"master@sha1:{_first}", onBranch.Revision);
    }

    [Fact]
    public async Task Precedence_is_commit_then_name_then_semver_then_tag_then_branch()
    {
        var all = new GitRepositoryRef { Commit = _first, Name = "refs/heads/feature", SemVer = "2.x", Tag = "v1.0.0", Branch = "master" };
        Assert.Equal($"master@sha1:{_first}", (await GitFetcher.FetchAsync(Request(all), CancellationToken.None)).Revision);
        var noCommit = all with { Commit = null };
        Assert.StartsWith("feature@", (await GitFetcher.FetchAsync(Request(noCommit), CancellationToken.None)).Revision, StringComparison.Ordinal);
        var noName = noCommit with { Name = null };
        Assert.StartsWith("v2.0.0@", (await GitFetcher.FetchAsync(Request(noName), CancellationToken.None)).Revision, StringComparison.Ordinal);
        var noSemver = noName with { SemVer = null };
        Assert.StartsWith("v1.0.0@", (await GitFetcher.FetchAsync(Request(noSemver), CancellationToken.None)).Revision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_fetch_without_a_new_commit_downloads_nothing_and_a_new_commit_is_picked_up()
    {
        var first = await GitFetcher.FetchAsync(Request(null), CancellationToken.None);
        var again = await GitFetcher.FetchAsync(Request(null), CancellationToken.None);
        var third = _repo.Write("new.txt", "n").Commit("third");
        var moved = await GitFetcher.FetchAsync(Request(null), CancellationToken.None);
        Assert.True(first.Downloaded);
        Assert.False(again.Downloaded);
        Assert.Equal(first.Revision, again.Revision);
        Assert.Equal($"master@sha1:{third}", moved.Revision);
        Assert.True(moved.Downloaded);
    }

    [Fact]
    public async Task A_broken_working_copy_is_replaced()
    {
        var request = Request(null);
        Directory.CreateDirectory(Path.Combine(request.WorkingCopy, "objects"));
        File.WriteAllText(Path.Combine(request.WorkingCopy, "HEAD"), "garbage");
        var result = await GitFetcher.FetchAsync(request, CancellationToken.None);
        Assert.Equal($"master@sha1:{_second}", result.Revision);
    }

    [Fact]
    public async Task A_new_commit_is_fetched_and_archived_within_five_seconds()
    {
        var request = Request(null);
        await GitFetcher.FetchAsync(request, CancellationToken.None);
        var pushed = _repo.Write("deploy/app.yaml", "kind: Pod\n").Commit("pushed");
        var store = new Fleet.Actors.Sources.Artifacts.ArtifactStore(Path.Combine(_temp.FullName, "data"), new Uri("http://127.0.0.1:9090"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var fetched = await GitFetcher.FetchAsync(request, CancellationToken.None);
        var artifact = await new Fleet.Actors.Sources.GitArtifactBuilder(store).BuildAsync("default", "app", request, fetched, null, [], CancellationToken.None);
        Assert.Equal($"master@sha1:{pushed}", artifact.Revision);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Fetch_is_shallow_for_a_branch()
    {
        var request = Request(null);
        await GitFetcher.FetchAsync(request, CancellationToken.None);
        Assert.Equal("1", GitCli.Run(_temp.FullName, "--git-dir", request.WorkingCopy, "rev-list", "--count", "master"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Delete(recursive: true);
    }
}
