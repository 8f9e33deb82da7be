using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;
using Fleet.Tests.Sandbox;
using Fleet.Tests.Support;
using Fleet.Node.Sandbox.Git;
using Fleet.Tests.Support.Git;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;

namespace Fleet.Tests.Sources;

/// <summary>
/// A node pointed at an API server reconciles GitRepositories served by `git http-backend` with basic auth:
/// a downloadable, digest-verified artifact; a pushed commit picked up on request; Flux's reasons on failure.
/// </summary>
public sealed class GitRepositoryReconcileTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>, IAsyncLifetime
{
    private const string Password = "s3cret-Reconcile-Passw0rd";

    private readonly string _namespace = "gitrepo-" + Guid.NewGuid().ToString("N")[..8];
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-gitrepo-");
    private readonly SkippableClock _clock = new();
    private GitWorkRepository _repo = null!;
    private GitHttpServer _server = null!;
    private WebApplication? _node;

    private IKubernetes Client => sandbox.Client;

    public async Task InitializeAsync()
    {
        var served = Directory.CreateDirectory(Path.Combine(_temp.FullName, "served")).FullName;
        _repo = GitWorkRepository.Init(served, "app", branch: "main");
        _repo.Write("deploy/app.yaml", "replicas: 1\n").Commit("first");
        _server = await GitHttpServer.StartAsync(served, GitHttpAuth.Basic("fleet", Password));
        await CrdInstaller.InstallAsync(Client, FluxKinds.All);
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } });
        await CreateSecretAsync("git-auth", Password);
        _node = await TestNodes.StartAsync(
            TestNodes.Settings with { DataDir = Path.Combine(_temp.FullName, "node"), Kubeconfig = sandbox.Kubeconfig },
            new EntityRuntimeSettings { Clock = _clock });
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.StopAsync();
            await _node.DisposeAsync();
        }
        await _server.DisposeAsync();
        _temp.Delete(recursive: true);
    }

    [Fact]
    public async Task BecomesReadyWithADownloadableArtifactAndFollowsAPushOnRequest()
    {
        await CreateGitRepositoryAsync("app", "git-auth");

        var ready = await EventuallyRead("app", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.True, TimeSpan.FromSeconds(30));
        var artifact = ready["status"]!["artifact"]!;
        var revision = $"main@sha1:{_repo.Head()}";
        Assert.Equal(revision, artifact["revision"]!.GetValue<string>());
        Assert.Equal($"stored artifact for revision '{revision}'", ObjectConditions.Find(ready, ConditionTypes.Ready)!.Message);
        Assert.Matches("^sha256:[0-9a-f]{64}$", artifact["digest"]!.GetValue<string>());
        await Eventually.True(
            () => Client.CoreV1.ListNamespacedEvent(_namespace).Items.Any(e =>
                e is { Type: "Normal", Reason: "NewArtifact", InvolvedObject.Name: "app" } && e.Message.Contains(revision, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10),
            () => "a NewArtifact event naming the revision");
        var extracted = Path.Combine(_temp.FullName, "extracted");
        using (var http = new HttpClient())
        {
            await new ArtifactDownloader(http).DownloadAndExtractAsync(
                artifact["url"]!.GetValue<string>(), artifact["digest"]!.GetValue<string>(), extracted, CancellationToken.None);
        }
        Assert.Equal("replicas: 1\n", File.ReadAllText(Path.Combine(extracted, "deploy", "app.yaml")));

        // A request with no new commit keeps the artifact as it is (a rebuild would carry a later lastUpdateTime).
        _clock.Skip(TimeSpan.FromSeconds(1));
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(RequestReconcile("same-1").ToJsonString(), V1Patch.PatchType.MergePatch),
            FluxGroups.Source, "v1", _namespace, "gitrepositories", "app");
        var unchanged = await EventuallyRead("app", o => o["status"]?["lastHandledReconcileAt"]?.GetValue<string>() == "same-1", TimeSpan.FromSeconds(10));
        Assert.True(JsonNode.DeepEquals(artifact, unchanged["status"]!["artifact"]), unchanged["status"]!["artifact"]!.ToJsonString());

        var pushed = _repo.Write("deploy/app.yaml", "replicas: 2\n").Commit("scale up");
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(RequestReconcile("push-1").ToJsonString(), V1Patch.PatchType.MergePatch),
            FluxGroups.Source, "v1", _namespace, "gitrepositories", "app");
        var updated = await EventuallyRead(
            "app", o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == $"main@sha1:{pushed}", TimeSpan.FromSeconds(5));
        Assert.NotEqual(artifact["digest"]!.GetValue<string>(), updated["status"]!["artifact"]!["digest"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeletionRemovesTheArtifactsAndTheWorkingCopyThenReleasesTheObject()
    {
        await CreateGitRepositoryAsync("gone", "git-auth");
        var ready = await EventuallyRead("gone", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.True, TimeSpan.FromSeconds(30));
        var url = ready["status"]!["artifact"]!["url"]!.GetValue<string>();
        var workingCopy = Path.Combine(_temp.FullName, "node", "git", _namespace, "gone");
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);
        Assert.True(Directory.Exists(workingCopy));

        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(FluxGroups.Source, "v1", _namespace, "gitrepositories", "gone");
        await Eventually.True(
            () => Client.CustomObjects.ListNamespacedCustomObject<JsonObject>(FluxGroups.Source, "v1", _namespace, "gitrepositories")["items"]!.AsArray()
                .All(o => o!["metadata"]!["name"]!.GetValue<string>() != "gone"),
            TimeSpan.FromSeconds(20),
            () => "the deletion to finish");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(url)).StatusCode);
        Assert.False(Directory.Exists(workingCopy), "the working copy is removed");
    }

    [Fact]
    public async Task AnIncludeCopiesTheOtherArtifactUnderToPath()
    {
        await CreateGitRepositoryAsync("bundle", "git-auth", new JsonArray(new JsonObject
        {
            ["repository"] = new JsonObject { ["name"] = "base" },
            ["fromPath"] = "deploy",
            ["toPath"] = "vendor/base",
        }));
        var waiting = await EventuallyRead("bundle", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.False, TimeSpan.FromSeconds(30));
        Assert.Equal("NotFound", ObjectConditions.Find(waiting, ConditionTypes.Ready)!.Reason);

        await CreateGitRepositoryAsync("base", "git-auth");
        var baseReady = await EventuallyRead("base", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.True, TimeSpan.FromSeconds(30));

        // The bundle hears of the included repository's artifact before its --requeue-dependency retry is due.

        var ready = await EventuallyRead("bundle", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.True, TimeSpan.FromSeconds(30));
        Assert.Equal(baseReady["status"]!["artifact"]!["digest"]!.GetValue<string>(), ready["status"]!["includedArtifacts"]![0]!["digest"]!.GetValue<string>());
        Assert.Equal("vendor/base", ready["status"]!["observedInclude"]![0]!["toPath"]!.GetValue<string>());
        var artifact = ready["status"]!["artifact"]!;
        var extracted = Path.Combine(_temp.FullName, "bundle");
        using var http = new HttpClient();
        await new ArtifactDownloader(http).DownloadAndExtractAsync(
            artifact["url"]!.GetValue<string>(), artifact["digest"]!.GetValue<string>(), extracted, CancellationToken.None);
        Assert.Equal("replicas: 1\n", File.ReadAllText(Path.Combine(extracted, "vendor", "base", "app.yaml")));
    }

    [Fact]
    public async Task AFailureKeepsTheLastArtifactInStatusAndServed()
    {
        await CreateSecretAsync("doomed-auth", Password);
        await CreateGitRepositoryAsync("kept", "doomed-auth");
        var ready = await EventuallyRead("kept", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.True, TimeSpan.FromSeconds(30));

        await Client.CoreV1.DeleteNamespacedSecretAsync("doomed-auth", _namespace);
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(RequestReconcile("after-delete").ToJsonString(), V1Patch.PatchType.MergePatch),
            FluxGroups.Source, "v1", _namespace, "gitrepositories", "kept");

        var failed = await EventuallyRead("kept", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.False, TimeSpan.FromSeconds(30));
        Assert.Equal(SourceConditions.AuthenticationFailedReason, ObjectConditions.Find(failed, ConditionTypes.Ready)!.Reason);
        var artifact = failed["status"]!["artifact"]!;
        Assert.True(JsonNode.DeepEquals(ready["status"]!["artifact"], artifact), artifact.ToJsonString());
        using var http = new HttpClient();
        await new ArtifactDownloader(http).DownloadAndExtractAsync(
            artifact["url"]!.GetValue<string>(), artifact["digest"]!.GetValue<string>(), Path.Combine(_temp.FullName, "kept"), CancellationToken.None);
    }

    [Fact]
    public async Task AWrongPasswordIsAuthenticationFailedWithoutThePasswordInStatus()
    {
        const string wrong = "not-the-Passw0rd-42";
        await CreateSecretAsync("wrong-auth", wrong);
        await CreateGitRepositoryAsync("wrong", "wrong-auth");

        var failed = await EventuallyRead("wrong", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.False, TimeSpan.FromSeconds(30));
        Assert.Equal(SourceConditions.AuthenticationFailedReason, ObjectConditions.Find(failed, ConditionTypes.Ready)!.Reason);
        var status = failed["status"]!.ToJsonString();
        Assert.DoesNotContain(wrong, status, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"fleet:{wrong}")), status, StringComparison.Ordinal);
        Assert.Null(failed["status"]!["artifact"]);
    }

    [Fact]
    public async Task AMissingSecretIsAuthenticationFailedNamingTheSecret()
    {
        await CreateGitRepositoryAsync("orphan", "no-such-secret");

        var failed = await EventuallyRead("orphan", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.False, TimeSpan.FromSeconds(30));
        Assert.Equal(SourceConditions.AuthenticationFailedReason, ObjectConditions.Find(failed, ConditionTypes.Ready)!.Reason);
        Assert.Contains("no-such-secret", ObjectConditions.Find(failed, ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
    }

    private static JsonObject RequestReconcile(string token) =>
        new() { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [FluxAnnotations.ReconcileRequestedAt] = token } } };

    private async Task CreateSecretAsync(string name, string password) =>
        await Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name },
                Data = new Dictionary<string, byte[]> { ["username"] = Encoding.UTF8.GetBytes("fleet"), ["password"] = Encoding.UTF8.GetBytes(password) },
            },
            _namespace);

    private async Task CreateGitRepositoryAsync(string name, string secret, JsonArray? include = null)
    {
        var spec = new JsonObject
        {
            ["url"] = _server.UrlOf(_repo),
            ["interval"] = "1h",
            ["ref"] = new JsonObject { ["branch"] = "main" },
            ["secretRef"] = new JsonObject { ["name"] = secret },
        };
        if (include is not null)
        {
            spec["include"] = include;
        }
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = FluxKinds.GitRepository.ApiVersion,
                ["kind"] = "GitRepository",
                ["metadata"] = new JsonObject { ["name"] = name },
                ["spec"] = spec,
            },
            FluxGroups.Source, "v1", _namespace, "gitrepositories");
    }

    private async Task<JsonObject> EventuallyRead(string name, Func<JsonObject, bool> condition, TimeSpan timeout)
    {
        JsonObject? last = null;
        await Eventually.True(
            () =>
            {
                var element = (JsonElement)Client.CustomObjects.GetNamespacedCustomObject(FluxGroups.Source, "v1", _namespace, "gitrepositories", name);
                last = JsonNode.Parse(element.GetRawText())!.AsObject();
                return condition(last);
            },
            timeout,
            () => $"{name} to reach the expected state; last seen: {last?.ToJsonString()}");
        return last!;
    }
}
