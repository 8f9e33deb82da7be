using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Actors.Apply.Health;
using Fleet.Tests.Support;

namespace Fleet.Tests.Apply.Health;

/// <summary>The health wait in virtual time against objects that change between polls.</summary>
public sealed class HealthWaiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly ObjectRef Web = new("apps", "v1", "Deployment", "apps", "web");
    private static readonly ObjectRef Api = new("apps", "v1", "Deployment", "apps", "api");
    private static readonly ObjectRef Settings = new("", "v1", "ConfigMap", "apps", "settings");
    private static readonly ObjectRef Migrate = new("batch", "v1", "Job", "apps", "migrate");

    private readonly VirtualClock _clock = new(Start);
    private readonly ScriptedObjects _cluster = new();

    private HealthWaiter Waiter => new(_cluster.ReadAsync, _clock);

    private TimeSpan Elapsed => _clock.GetUtcNow() - Start;

    private static JsonObject Deployment(string name, long ready, string progressing = "NewReplicaSetAvailable") => KStatusCase.Parse(
        $"{{'apiVersion':'apps/v1','kind':'Deployment','metadata':{{'name':'{name}','namespace':'apps','generation':1}},'spec':{{'replicas':2}}," +
        $"'status':{{'observedGeneration':1,'replicas':2,'updatedReplicas':2,'readyReplicas':{ready},'availableReplicas':{ready}," +
        $"'conditions':[{{'type':'Available','status':'True'}},{{'type':'Progressing','status':'{(progressing == "NewReplicaSetAvailable" ? "True" : "False")}','reason':'{progressing}'}}]}}}}");

    private static JsonObject ConfigMap() => KStatusCase.Parse("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'settings','namespace':'apps'}}");

    private static JsonObject Job(string extraSpec = "") => KStatusCase.Parse(
        $"{{'apiVersion':'batch/v1','kind':'Job','metadata':{{'name':'migrate','namespace':'apps'}},'spec':{{'template':{{}}{extraSpec}}},'status':{{'startTime':'2026-01-01T00:00:00Z','active':1}}}}");

    private Task<HealthCheckResult> WaitAsync(bool failFast, params ObjectRef[] objects) =>
        _clock.RunAsync(() => Waiter.WaitAsync(objects, Timeout, Poll, failFast, CancellationToken.None));

    [Fact]
    public async Task BecomesHealthyOnThePollAfterTheLastObjectTurnsCurrent()
    {
        _cluster.Script(Web, n => Deployment("web", ready: n < 2 ? 1 : 2));
        _cluster.Script(Settings, _ => ConfigMap());

        var result = await WaitAsync(failFast: true, Web, Settings);

        Assert.True(result.Healthy);
        Assert.Equal("", result.Message);
        Assert.Equal(TimeSpan.FromSeconds(10), Elapsed);
        Assert.Equal(3, _cluster.Reads(Web));
        Assert.All(result.Objects, o => Assert.Equal(HealthStatus.Current, o.Health.Status));
        Assert.Equal([Web, Settings], result.Objects.Select(o => o.Object));
    }

    [Fact]
    public async Task TimesOutNamingEveryObjectNotCurrentInFluxsWords()
    {
        _cluster.Script(Web, _ => Deployment("web", ready: 1));
        _cluster.Script(Api, _ => Deployment("api", ready: 2));

        var result = await WaitAsync(failFast: true, Web, Settings, Api);

        Assert.False(result.Healthy);
        Assert.Equal("timeout waiting for: [Deployment/apps/web status: 'InProgress', ConfigMap/apps/settings status: 'NotFound']", result.Message);
        Assert.Equal(Timeout, Elapsed);
        Assert.Equal(6, _cluster.Reads(Web));
        Assert.Equal(new ObjectHealth(HealthStatus.InProgress, "LessAvailable", "Available: 1/2"), result.Objects[0].Health);
        Assert.Equal(HealthStatus.NotFound, result.Objects[1].Health.Status);
    }

    [Fact]
    public async Task FailFastStopsAtTheFirstFailedObject()
    {
        _cluster.Script(Web, n => n == 0 ? Deployment("web", ready: 0) : Deployment("web", ready: 0, progressing: "ProgressDeadlineExceeded"));
        _cluster.Script(Api, _ => Deployment("api", ready: 0));

        var result = await WaitAsync(failFast: true, Web, Api);

        Assert.False(result.Healthy);
        Assert.Equal("failed early due to stalled resources: [Deployment/apps/web status: 'Failed']", result.Message);
        Assert.Equal(Poll, Elapsed);
    }

    [Fact]
    public async Task WithoutFailFastAFailedObjectWaitsForTheOthersUntilTheTimeout()
    {
        _cluster.Script(Web, _ => Deployment("web", ready: 0, progressing: "ProgressDeadlineExceeded"));
        _cluster.Script(Api, _ => Deployment("api", ready: 0));

        var result = await WaitAsync(failFast: false, Web, Api);

        Assert.Equal("timeout waiting for: [Deployment/apps/web status: 'Failed', Deployment/apps/api status: 'InProgress']", result.Message);
        Assert.Equal(Timeout, Elapsed);
    }

    [Fact]
    public async Task WithoutFailFastStopsOnceOnlyCurrentAndFailedAreLeft()
    {
        _cluster.Script(Web, _ => Deployment("web", ready: 0, progressing: "ProgressDeadlineExceeded"));
        _cluster.Script(Api, n => Deployment("api", ready: n == 0 ? 0 : 2));

        var result = await WaitAsync(failFast: false, Web, Api);

        Assert.Equal("failed early due to stalled resources: [Deployment/apps/web status: 'Failed']", result.Message);
        Assert.Equal(Poll, Elapsed);
    }

    [Fact]
    public async Task AnObjectThatAppearsLaterIsWaitedFor()
    {
        _cluster.Script(Settings, n => n < 3 ? null : ConfigMap());

        var result = await WaitAsync(failFast: true, Settings);

        Assert.True(result.Healthy);
        Assert.Equal(TimeSpan.FromSeconds(15), Elapsed);
    }

    [Fact]
    public async Task AJobWithTtlThatWasSeenCountsAsCurrentOnceDeleted()
    {
        _cluster.Script(Migrate, n => n == 0 ? Job(",'ttlSecondsAfterFinished':0") : null);

        var result = await WaitAsync(failFast: true, Migrate);

        Assert.True(result.Healthy, result.Message);
        Assert.Equal(Poll, Elapsed);
        Assert.Equal(HealthStatus.NotFound, result.Objects[0].Health.Status);
    }

    [Fact]
    public async Task AJobWithoutTtlThatDisappearsIsNotHealthy()
    {
        _cluster.Script(Migrate, n => n == 0 ? Job() : null);

        var result = await WaitAsync(failFast: true, Migrate);

        Assert.Equal("timeout waiting for: [Job/apps/migrate status: 'NotFound']", result.Message);
    }

    [Fact]
    public async Task AJobWhoseManifestHasTtlIsHealthyEvenIfDeletedBeforeTheFirstPoll()
    {
        var manifest = Job(",'ttlSecondsAfterFinished':30");
        Assert.True(HealthWaiter.IsJobWithTtl(manifest));
        Assert.False(HealthWaiter.IsJobWithTtl(Job()));

        var result = await _clock.RunAsync(() => Waiter.WaitAsync([Migrate], new HashSet<ObjectRef> { Migrate }, Timeout, Poll, true, CancellationToken.None));

        Assert.True(result.Healthy, result.Message);
        Assert.Equal(TimeSpan.Zero, Elapsed);
    }

    [Fact]
    public async Task ReadErrorsAreUnknownWithTheErrorAndDoNotEndTheWait()
    {
        var failing = new HealthWaiter((_, _) => throw new HttpRequestException("connection refused"), _clock);

        var result = await _clock.RunAsync(() => failing.WaitAsync([Web], Timeout, Poll, true, CancellationToken.None));

        Assert.Equal("timeout waiting for: [Deployment/apps/web status: 'Unknown': connection refused]", result.Message);
        Assert.Equal(Timeout, Elapsed);
    }

    [Fact]
    public async Task NothingToWaitForIsHealthyAtOnce()
    {
        var result = await WaitAsync(failFast: true);

        Assert.True(result.Healthy);
        Assert.Empty(result.Objects);
        Assert.Equal(TimeSpan.Zero, Elapsed);
    }

    [Fact]
    public async Task CancellationEndsTheWait()
    {
        _cluster.Script(Web, _ => Deployment("web", ready: 0));
        using var cancel = new CancellationTokenSource();
        var wait = Task.Run(() => Waiter.WaitAsync([Web], Timeout, Poll, true, cancel.Token));
        await _clock.ParkedOrDoneAsync(wait);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(TimeSpan.Zero, Elapsed);
    }

    [Fact]
    public async Task TerminationWaitEndsWhenEveryObjectIsGone()
    {
        var deleting = Deployment("web", ready: 2);
        deleting["metadata"]!["deletionTimestamp"] = "2026-01-01T00:00:00Z";
        _cluster.Script(Web, n => n < 2 ? deleting : null);
        _cluster.Script(Settings, n => n < 1 ? ConfigMap() : null);

        var result = await _clock.RunAsync(() => Waiter.WaitForTerminationAsync([Web, Settings], Timeout, TimeSpan.FromSeconds(2), CancellationToken.None));

        Assert.True(result.Healthy);
        Assert.Equal(TimeSpan.FromSeconds(4), Elapsed);
        Assert.All(result.Objects, o => Assert.Equal(HealthStatus.NotFound, o.Health.Status));
    }

    [Fact]
    public async Task TerminationWaitTimesOutNamingAnObjectStillThere()
    {
        var deleting = Deployment("web", ready: 2);
        deleting["metadata"]!["deletionTimestamp"] = "2026-01-01T00:00:00Z";
        _cluster.Script(Web, _ => deleting);

        var result = await _clock.RunAsync(() => Waiter.WaitForTerminationAsync([Settings, Web], Timeout, TimeSpan.FromSeconds(2), CancellationToken.None));

        Assert.False(result.Healthy);
        Assert.Equal("Deployment/apps/web termination timeout: context deadline exceeded", result.Message);
        Assert.Equal(HealthStatus.Terminating, result.Objects[1].Health.Status);
        Assert.Equal(Timeout, Elapsed);
    }
}
