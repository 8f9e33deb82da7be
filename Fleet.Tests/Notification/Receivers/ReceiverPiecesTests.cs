using System.Security.Cryptography;
using System.Text;
using Fleet.Actors.Notification.Receivers;
using Fleet.Messages;
using Fleet.Messages.Entities;
using Fleet.Tests.Support;

namespace Fleet.Tests.Notification.Receivers;

/// <summary>The webhook path, the requestedAt value, the index by path and the rate limit, each on its own.</summary>
public sealed class ReceiverPiecesTests
{
    [Fact]
    public void TheWebhookPathIsTheSha256OfTokenNameAndNamespace()
    {
        var expected = "/hook/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("tokengithub-receiverflux-system")));
        Assert.Equal(expected, WebhookPath.Of("token", "github-receiver", "flux-system"));
        Assert.NotEqual(expected, WebhookPath.Of("token2", "github-receiver", "flux-system"));
    }

    [Fact]
    public void RequestedAtIsWrittenAsGoPrintsATime()
    {
        Assert.Equal("2026-12-08 03:04:05.1234567 +0000 UTC", ReconcileRequestedAt.Format(new DateTimeOffset(2026, 12, 8, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567)));
        Assert.Equal("2026-12-08 03:04:05.5 +0000 UTC", ReconcileRequestedAt.Format(new DateTimeOffset(2026, 12, 8, 3, 4, 5, 500, TimeSpan.Zero)));
        Assert.Equal("2026-12-08 03:04:05 +0000 UTC", ReconcileRequestedAt.Format(new DateTimeOffset(2026, 12, 8, 3, 4, 5, TimeSpan.Zero)));
    }

    [Fact]
    public void TheIndexFindsAReceiverByItsCurrentPathOnly()
    {
        var index = new ReceiverIndex();
        var key = new ObjectKey("Receiver", "ns", "hook");
        index.Observe(new EntityCommands.ObserveObject(key, Receiver("/hook/one", ready: false)));
        Assert.False(index.Find("/hook/one")!.Ready);
        index.Observe(new EntityCommands.ObserveObject(key, Receiver("/hook/two", ready: true)));
        Assert.Null(index.Find("/hook/one"));
        Assert.True(index.Find("/hook/two")!.Ready);
        index.Observe(new EntityCommands.ForgetObject(key));
        Assert.Null(index.Find("/hook/two"));
        index.Observe(new EntityCommands.ObserveObject(key, "{ not json"));
        Assert.Null(index.Find("/hook/two"));
    }

    [Fact]
    public void TheRateLimitLetsABurstThroughThenRefillsWithTime()
    {
        var clock = new VirtualClock(DateTimeOffset.UnixEpoch);
        var limiter = new WebhookRateLimiter(clock, burst: 3, perSecond: 2);
        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire()));
        Advance(clock, TimeSpan.FromSeconds(1));
        Assert.Equal(2, Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire()));
        Advance(clock, TimeSpan.FromHours(1));
        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire()));
    }

    /// <summary>Moves the virtual clock on by firing a timer due then.</summary>
    private static void Advance(VirtualClock clock, TimeSpan by)
    {
        using var timer = clock.CreateTimer(_ => { }, null, by, Timeout.InfiniteTimeSpan);
        clock.FireNext();
    }

    private static string Receiver(string path, bool ready) => $$$"""
        {"apiVersion":"notification.toolkit.fluxcd.io/v1","kind":"Receiver","metadata":{"name":"hook","namespace":"ns"},
         "spec":{"type":"generic","secretRef":{"name":"t"},"resources":[]},
         "status":{"webhookPath":"{{{path}}}","conditions":[{"type":"Ready","status":"{{{(ready ? "True" : "False")}}}","reason":"Succeeded","message":"","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}
        """;
}
