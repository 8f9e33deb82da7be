using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Actors.Toolkit;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;
using Fleet.Tests.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Toolkit;

/// <summary><see cref="SourceLookup"/> and <see cref="DependencyGate"/> against the sandbox API server, for any consumer kind.</summary>
public sealed class UpstreamLookupTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>, IAsyncLifetime
{
    private readonly string _ns = "upstream-" + Guid.NewGuid().ToString("N")[..8];

    private static readonly ControllerFlags Flags = new() { RequeueDependency = TimeSpan.FromSeconds(45) };

    private IKubernetes Client => sandbox.Client;

    private ObjectKey Consumer(string kind = "HelmRelease") => new(kind, _ns, "consumer");

    public async Task InitializeAsync()
    {
        await CrdInstaller.InstallAsync(Client, FluxKinds.All);
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task CreateAsync(FluxKind kind, string name, JsonObject spec, JsonObject? status = null)
    {
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject { ["apiVersion"] = kind.ApiVersion, ["kind"] = kind.Kind, ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = _ns }, ["spec"] = spec },
            kind.Group, kind.Version, _ns, kind.Plural);
        if (status is not null)
        {
            await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch), kind.Group, kind.Version, _ns, kind.Plural, name);
        }
    }

    private static JsonObject GitSpec => new() { ["url"] = "http://127.0.0.1:9/x", ["interval"] = "1h" };

    private SourceLookup Sources(ControllerFlags? flags = null) => new(new FluxObjectReader(Client), flags ?? Flags);

    [Fact]
    public async Task ASourceWithAnArtifactIsFoundAndRecordedWithItsRevision()
    {
        await CreateAsync(FluxKinds.GitRepository, "ready", GitSpec, new JsonObject
        {
            ["artifact"] = new JsonObject { ["revision"] = "main@sha1:abc", ["digest"] = "sha256:00", ["url"] = "http://x/a.tar.gz", ["path"] = "a.tar.gz", ["lastUpdateTime"] = "2026-01-01T00:00:00Z" },
        });
        var upstreams = new Dictionary<ObjectKey, string?>();
        var source = new ObjectKey("GitRepository", _ns, "ready");

        var found = await Sources().FindAsync(Consumer(), source, ["GitRepository"], upstreams, CancellationToken.None);

        Assert.False(found.Stopped);
        Assert.Equal("main@sha1:abc", found.Artifact.Revision);
        Assert.Equal("main@sha1:abc", upstreams[source]);
    }

    [Fact]
    public async Task ASourceWithoutAnArtifactIsRetriedAfterTheDependencyDelayWithoutAnEvent()
    {
        await CreateAsync(FluxKinds.GitRepository, "empty", GitSpec);
        var upstreams = new Dictionary<ObjectKey, string?>();
        var source = new ObjectKey("GitRepository", _ns, "empty");

        var found = await Sources().FindAsync(Consumer(), source, ["GitRepository"], upstreams, CancellationToken.None);

        Assert.True(found.Stopped);
        Assert.Equal(ConditionReasons.ArtifactFailed, found.Stop.Reason);
        Assert.Equal("Source artifact not found, retrying in 45s", found.Stop.Message);
        Assert.Equal(TimeSpan.FromSeconds(45), found.Stop.RequeueAfter);
        Assert.Null(found.Stop.FailureEventType);
        Assert.True(upstreams.ContainsKey(source));
        Assert.Null(upstreams[source]);
    }

    [Fact]
    public async Task AMissingSourceAndAnUnsupportedKindFailWithFluxsMessages()
    {
        var missing = await Sources().FindAsync(Consumer(), new ObjectKey("GitRepository", _ns, "absent"), ["GitRepository"], new Dictionary<ObjectKey, string?>(), CancellationToken.None);
        Assert.Equal($"Source 'GitRepository/{_ns}/absent' not found", missing.Stop?.Message);
        Assert.Equal(ReconcileOutcome.Failed, missing.Stop?.Outcome);

        var unsupported = await Sources().FindAsync(Consumer(), new ObjectKey("HelmChart", _ns, "x"), ["GitRepository", "Bucket"], new Dictionary<ObjectKey, string?>(), CancellationToken.None);
        Assert.Equal("unsupported source kind 'HelmChart': expected one of GitRepository, Bucket", unsupported.Stop?.Message);
    }

    [Fact]
    public async Task ACrossNamespaceSourceStallsWithAccessDeniedOnlyWhenLockedDown()
    {
        var elsewhere = new ObjectKey("GitRepository", "other", "shared");
        var upstreams = new Dictionary<ObjectKey, string?>();

        var locked = await Sources(Flags with { NoCrossNamespaceRefs = true }).FindAsync(Consumer(), elsewhere, ["GitRepository"], upstreams, CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Stalled, locked.Stop?.Outcome);
        Assert.Equal(Tenancy.AccessDenied, locked.Stop?.Reason);
        Assert.Equal("can't access 'GitRepository/other/shared', cross-namespace references have been blocked", locked.Stop?.Message);
        Assert.Empty(upstreams);
        var open = await Sources().FindAsync(Consumer(), elsewhere, ["GitRepository"], upstreams, CancellationToken.None);
        Assert.Equal(ConditionReasons.ArtifactFailed, open.Stop?.Reason);
    }

    [Fact]
    public async Task ADependencyIsAnObjectOfTheConsumersKindAndNotReadyIsRetriedWithANormalEvent()
    {
        var ready = new JsonObject { ["observedGeneration"] = 1, ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "Succeeded", ["message"] = "", ["lastTransitionTime"] = "2026-01-01T00:00:00Z" }) };
        JsonObject Chart() => new() { ["chart"] = new JsonObject { ["spec"] = new JsonObject { ["chart"] = "app", ["sourceRef"] = new JsonObject { ["kind"] = "HelmRepository", ["name"] = "repo" } } }, ["interval"] = "1h" };
        await CreateAsync(FluxKinds.HelmRelease, "database", Chart(), ready);
        await CreateAsync(FluxKinds.HelmRelease, "cache", Chart());
        var gate = new DependencyGate(new FluxObjectReader(Client), Flags);
        var upstreams = new Dictionary<ObjectKey, string?>();
        var annotations = FluxEventMetadata.Revision("helm.toolkit.fluxcd.io", "1.0.0");
        var source = new ObjectKey("HelmChart", _ns, "chart");

        Assert.Null(await gate.CheckAsync(Consumer(), [new DependencyReference { Name = "database" }], source, "1.0.0", upstreams, annotations, CancellationToken.None));
        var blocked = await gate.CheckAsync(Consumer(), [new DependencyReference { Name = "database" }, new DependencyReference { Name = "cache" }], source, "1.0.0", upstreams, annotations, CancellationToken.None);

        Assert.NotNull(blocked);
        Assert.Equal(ConditionReasons.DependencyNotReady, blocked.Reason);
        Assert.Equal($"dependency '{_ns}/cache' is not ready", blocked.Message);
        Assert.Equal(TimeSpan.FromSeconds(45), blocked.RequeueAfter);
        Assert.Null(blocked.FailureEventType);
        var info = Assert.Single(blocked.Events);
        Assert.Equal(("Normal", "Dependencies do not meet ready condition, retrying in 45s"), (info.Type, info.Message));
        Assert.Equal("1.0.0", info.Annotations["helm.toolkit.fluxcd.io/revision"]);
        Assert.Equal([new ObjectKey("HelmRelease", _ns, "cache"), new ObjectKey("HelmRelease", _ns, "database")], upstreams.Keys.OrderBy(k => k.Name));
    }
}
