using Fleet.Actors.Apply;
using Fleet.Actors.Kube;
using Fleet.Actors.Toolkit;
using Fleet.Tests.Apply;
using Fleet.Tests.Sandbox;
using Fleet.Tests.Support;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Toolkit;

/// <summary>
/// The health wait runs on the clock it is given, virtual here, which the Healthy condition's duration and the apply
/// engine's kstatus read; the engine itself is one per client and owner.
/// </summary>
public sealed class HealthCheckRunTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>, IAsyncLifetime
{
    private readonly string _ns = "health-run-" + Guid.NewGuid().ToString("N")[..8];
    private readonly VirtualClock _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private ClusterClients? _clusters;

    private ClusterClients Clusters => _clusters ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _clusters = new ClusterClients(KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.Kubeconfig), sandbox.Client, _clock);
        await sandbox.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });
    }

    public Task DisposeAsync()
    {
        _clusters?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void TheApplyEngineIsSharedPerClientAndOwner()
    {
        var engine = Clusters.ApplyEngineFor(sandbox.Client, ApplyOwner.Fleet);

        Assert.Same(engine, Clusters.ApplyEngineFor(sandbox.Client, ApplyOwner.Fleet));
        Assert.NotSame(engine, Clusters.ApplyEngineFor(sandbox.Client, new ApplyOwner("fleet", "helm.toolkit.fluxcd.io")));
        Assert.Same(_clock, Clusters.Clock);
    }

    [Fact]
    public async Task AnObjectThatIsCurrentPassesInNoTimeOnTheRunsClock()
    {
        var engine = Clusters.ApplyEngineFor(sandbox.Client, ApplyOwner.Fleet);
        await engine.ApplyAllStagedAsync([Manifests.ConfigMap(_ns, "ready", "1")], new ApplyOptions(), CancellationToken.None);
        var run = new HealthCheckRun(_clock);

        var outcome = await run.WaitAsync(engine, [new ObjectRef("", "v1", "ConfigMap", _ns, "ready")], TimeSpan.FromMinutes(1), TimeSpan.Zero, CancellationToken.None);

        Assert.NotNull(outcome);
        Assert.Equal("Health check passed in 0s", outcome.Message);
        Assert.Null(await run.WaitAsync(engine, [], TimeSpan.FromMinutes(1), TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task AMissingObjectTimesOutAfterWhatTheRunLeftOfItsTimeoutInVirtualTime()
    {
        var engine = Clusters.ApplyEngineFor(sandbox.Client, ApplyOwner.Fleet);
        var run = new HealthCheckRun(_clock);
        var missing = new ObjectRef("", "v1", "ConfigMap", _ns, "missing");

        var outcome = await _clock.RunAsync(() => run.WaitAsync(engine, [missing], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20), CancellationToken.None));

        Assert.NotNull(outcome);
        Assert.False(outcome.Healthy);
        Assert.Equal(TimeSpan.FromSeconds(10), outcome.Duration);
        Assert.Contains($"ConfigMap/{_ns}/missing", outcome.Message, StringComparison.Ordinal);
    }
}
