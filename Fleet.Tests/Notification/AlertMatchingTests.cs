using Fleet.Actors.Notification;
using Fleet.Messages.Api.Notification;
using Fleet.Tests.Support;
using static Fleet.Tests.Notification.NotificationSamples;

namespace Fleet.Tests.Notification;

/// <summary>notification-controller's Alert matching, metadata merging and duplicate limit, as plain functions.</summary>
public sealed class AlertMatchingTests
{
    private readonly List<string> _invalid = [];
    private AlertMatcher Matcher => new(new EventRegexes(), (_, pattern) => _invalid.Add(pattern));

    [Fact]
    public void ErrorSeverityAlertTakesOnlyFailures()
    {
        var alert = Alert("errors", "p", EventSeverities.Error);
        Assert.True(Matcher.Matches(alert, Failure(), null));
        Assert.False(Matcher.Matches(alert, Recovery(), null));
        Assert.True(Matcher.Matches(Alert("all", "p"), Recovery(), null));
    }

    [Fact]
    public void SourcesMatchByKindNamespaceNameAndLabels()
    {
        var alert = Alert("a", "p") with
        {
            Spec = Alert("a", "p").Spec with { EventSources = [new NotificationObjectReference { Kind = "Kustomization", Name = "*", MatchLabels = new Dictionary<string, string> { ["team"] = "web" } }] },
        };
        Assert.True(Matcher.Matches(alert, Failure(), new Dictionary<string, string> { ["team"] = "web" }));
        Assert.False(Matcher.Matches(alert, Failure(), new Dictionary<string, string> { ["team"] = "db" }));
        Assert.False(Matcher.Matches(alert, Failure(ns: "other"), new Dictionary<string, string> { ["team"] = "web" }));
        Assert.False(Matcher.Matches(Alert("a", "p") with { Spec = Alert("a", "p").Spec with { EventSources = [new NotificationObjectReference { Kind = "Kustomization", Name = "infra" }] } }, Failure(), null));
    }

    [Fact]
    public void ExclusionBeatsInclusionAndABadPatternMatchesNothing()
    {
        var alert = Alert("a", "p", exclusions: [".*missing.*"]) with { };
        Assert.False(Matcher.Matches(alert, Failure(), null));
        var included = alert with { Spec = alert.Spec with { ExclusionList = null, InclusionList = ["(unclosed", "^kustomize build"] } };
        Assert.True(Matcher.Matches(included, Failure(), null));
        Assert.Equal(["(unclosed"], _invalid);
    }

    [Fact]
    public void SuspendedAlertTakesNothing() =>
        Assert.False(Matcher.Matches(Alert("a", "p") with { Spec = Alert("a", "p").Spec with { Suspend = true } }, Failure(), null));

    [Fact]
    public void MetadataMergesAnnotationsAlertMetadataSummaryAndControllerKeysInFluxsOrder()
    {
        var @event = Failure() with
        {
            Metadata = new Dictionary<string, string>
            {
                ["event.toolkit.fluxcd.io/env"] = "prod",
                ["event.toolkit.fluxcd.io/revision"] = "from-annotation",
                ["kustomize.toolkit.fluxcd.io/revision"] = Revision,
            },
        };
        var alert = Alert("a", "p").Spec with { EventMetadata = new Dictionary<string, string> { ["cluster"] = "eu-1", ["env"] = "staging" }, Summary = "deploys" };

        var combined = EventMetadata.Combine(@event, alert, out var conflicts);

        Assert.Equal(new Dictionary<string, string> { ["cluster"] = "eu-1", ["env"] = "staging", ["revision"] = Revision, ["summary"] = "deploys" }, combined.Metadata);
        Assert.Equal(["env", "revision"], conflicts);
    }

    [Fact]
    public void PostedEventKeepsOnlyFluxGroupsWithoutChecksum()
    {
        var posted = Failure() with
        {
            Metadata = new Dictionary<string, string>
            {
                ["kustomize.toolkit.fluxcd.io/revision"] = Revision,
                ["kustomize.toolkit.fluxcd.io/checksum"] = "x",
                ["event.toolkit.fluxcd.io/env"] = "prod",
                ["other.example.com/key"] = "dropped",
            },
        };
        Assert.Equal(["event.toolkit.fluxcd.io/env", "kustomize.toolkit.fluxcd.io/revision"], EventMetadata.CleanUp(posted).Metadata!.Keys);
    }

    [Fact]
    public void DuplicatesWithinFiveMinutesAreAcceptedOnce()
    {
        var clock = new SkippableClock();
        var limiter = new DuplicateEventLimiter(clock, DuplicateEventLimiter.DefaultInterval);

        Assert.True(limiter.TryAccept(Failure()));
        Assert.False(limiter.TryAccept(Failure() with { Timestamp = At.AddMinutes(1) }));
        Assert.True(limiter.TryAccept(Failure(message: "another message")));
        clock.Skip(TimeSpan.FromMinutes(4));
        Assert.False(limiter.TryAccept(Failure()));
        clock.Skip(TimeSpan.FromMinutes(1));
        Assert.True(limiter.TryAccept(Failure()));
    }

    [Fact]
    public void TheDuplicateKeyIsFluxsDigest()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"event/name=apps/namespace=flux-system/kind=Kustomization/message=kustomize build failed: missing resource/revision={Revision}")));
        Assert.Equal(expected, DuplicateEventLimiter.KeyOf(Failure()));
    }
}
