using Fleet.Actors.Apply;
using Fleet.Tests.Sandbox;

namespace Fleet.Tests.Apply;

/// <summary>Discovery-backed kind mapping against the sandbox API server.</summary>
public sealed class RestMapperTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>
{
    [Fact]
    public async Task MapsCoreAndGroupedKindsButNotSubresources()
    {
        var mapper = new RestMapper(sandbox.Client, TimeProvider.System);

        Assert.Equal(new RestMapping("configmaps", true), await mapper.FindAsync("", "v1", "ConfigMap", CancellationToken.None));
        Assert.Equal(new RestMapping("namespaces", false), await mapper.FindAsync("", "v1", "Namespace", CancellationToken.None));
        Assert.Equal(new RestMapping("deployments", true), await mapper.FindAsync("apps", "v1", "Deployment", CancellationToken.None));
        Assert.Null(await mapper.FindAsync("apps", "v1", "Scale", CancellationToken.None));
        Assert.Null(await mapper.FindAsync("nowhere.example.com", "v1", "Thing", CancellationToken.None));
    }

    [Fact]
    public async Task AMissRefreshesAtMostOncePerIntervalOrAtOnceAfterForgetting()
    {
        var clock = new ManualClock();
        var mapper = new RestMapper(sandbox.Client, clock);
        var group = $"g{Guid.NewGuid():N}"[..12] + ".example.com";
        Assert.Null(await mapper.FindAsync(group, "v1", "Widget", CancellationToken.None));
        await Install(Manifests.Crd(group, "Widget", "widgets"));

        Assert.Null(await mapper.FindAsync(group, "v1", "Widget", CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(new RestMapping("widgets", true), await mapper.FindAsync(group, "v1", "Widget", CancellationToken.None));

        Assert.Null(await mapper.FindAsync(group, "v1", "Gizmo", CancellationToken.None));
        await Install(Manifests.Crd(group, "Gizmo", "gizmos"));
        mapper.ForgetMisses();
        Assert.Equal(new RestMapping("gizmos", true), await mapper.FindAsync(group, "v1", "Gizmo", CancellationToken.None));
    }

    private Task Install(System.Text.Json.Nodes.JsonObject crd) =>
        new ResourceManager(sandbox.Client, ApplyOwner.Fleet, TestHealth.Of, TimeProvider.System).ApplyAllStagedAsync(
            [crd], new ApplyOptions { WaitInterval = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
