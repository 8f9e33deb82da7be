using Fleet.Actors.Reconciliation;
using Fleet.Messages;

namespace Fleet.Tests.Reconciliation;

/// <summary>Which upstream objects a consumer follows, and when their revisions call for a reconcile.</summary>
public class UpstreamTrackerTests
{
    private static readonly ObjectKey Source = new("GitRepository", "flux-system", "source");
    private static readonly ObjectKey Dependency = new("Kustomization", "flux-system", "infrastructure");

    [Fact]
    public void BeforeAnyRunReportsItsUpstreamsEveryRevisionIsNews()
    {
        var tracker = new UpstreamTracker();

        Assert.Equal(UpstreamNews.Reconcile, tracker.Published(Source, "main@sha1:aaa", running: false));
    }

    [Fact]
    public void AReportedRunSubscribesToNewUpstreamsAndDropsThoseItNoLongerNames()
    {
        var tracker = new UpstreamTracker();

        var first = tracker.Follow(new Dictionary<ObjectKey, string?> { [Source] = "main@sha1:aaa", [Dependency] = null });
        Assert.Equal([Source, Dependency], first.Subscribe);
        Assert.Empty(first.Unsubscribe);

        var second = tracker.Follow(new Dictionary<ObjectKey, string?> { [Source] = "main@sha1:bbb" });
        Assert.Empty(second.Subscribe);
        Assert.Equal([Dependency], second.Unsubscribe);
        Assert.False(second.ReconcileAgain);

        var unreported = tracker.Follow(null);
        Assert.Equal((0, 0), (unreported.Subscribe.Count, unreported.Unsubscribe.Count));
    }

    [Fact]
    public void ARevisionAlreadyUsedIsNotNewsAndAnObjectNoLongerFollowedIsToldToStop()
    {
        var tracker = new UpstreamTracker();
        tracker.Follow(new Dictionary<ObjectKey, string?> { [Source] = "main@sha1:aaa" });

        Assert.Equal(UpstreamNews.None, tracker.Published(Source, "main@sha1:aaa", running: false));
        Assert.Equal(UpstreamNews.Reconcile, tracker.Published(Source, "main@sha1:bbb", running: false));
        Assert.Equal(UpstreamNews.Unsubscribe, tracker.Published(Dependency, "main@sha1:aaa", running: false));
    }

    [Fact]
    public void ARevisionPublishedDuringARunCallsForAnotherOnlyIfTheRunDidNotUseIt()
    {
        var tracker = new UpstreamTracker();
        tracker.Follow(new Dictionary<ObjectKey, string?> { [Source] = "main@sha1:aaa" });

        Assert.Equal(UpstreamNews.None, tracker.Published(Source, "main@sha1:bbb", running: true));
        Assert.False(tracker.Follow(new Dictionary<ObjectKey, string?> { [Source] = "main@sha1:bbb" }).ReconcileAgain);

        tracker.Published(Source, "main@sha1:ccc", running: true);
        Assert.True(tracker.Follow(null).ReconcileAgain);
        Assert.False(tracker.Follow(null).ReconcileAgain);
    }

    [Fact]
    public void DroppingReturnsEveryUpstreamAndForgetsThem()
    {
        var tracker = new UpstreamTracker();
        tracker.Follow(new Dictionary<ObjectKey, string?> { [Source] = "main@sha1:aaa", [Dependency] = null });

        Assert.Equal([Source, Dependency], tracker.Drop());
        Assert.Empty(tracker.Drop());
        Assert.Equal(UpstreamNews.Reconcile, tracker.Published(Dependency, "main@sha1:aaa", running: false));
    }
}
