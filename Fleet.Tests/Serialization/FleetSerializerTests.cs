using System.Collections.Immutable;
using Akka.Serialization;
using Fleet.Actors.Serialization;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Tests.Serialization;

/// <summary>Every message, event and snapshot survives the wire and the journal under its stable manifest.</summary>
public class FleetSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly ObjectKey Key = new("Kustomization", "flux-system", "apps");

    private static readonly Condition Ready = new()
    {
        Type = ConditionTypes.Ready,
        Status = ConditionStatus.True,
        ObservedGeneration = 4,
        LastTransitionTime = new DateTime(2026, 11, 24, 1, 2, 3, DateTimeKind.Utc),
        Reason = ConditionReasons.ReconciliationSucceeded,
        Message = "Applied revision: main@sha1:0123456789abcdef0123456789abcdef01234567",
    };

    /// <summary>One sample per serializable type; the coverage test fails when a type is missing here.</summary>
    public static readonly IReadOnlyList<IFleetMessage> Samples =
    [
        new EntityCommands.ObserveObject(Key, """{"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization"}"""),
        new EntityCommands.ForgetObject(Key),
        new EntityCommands.RequestReconcile(Key, "2026-11-24T01:02:03Z"),
        new EntityCommands.Subscribe(new ObjectKey("GitRepository", "flux-system", "podinfo"), Key),
        new EntityCommands.Unsubscribe(new ObjectKey("GitRepository", "flux-system", "podinfo"), Key),
        new EntityCommands.ArtifactPublished(Key, new ObjectKey("GitRepository", "flux-system", "podinfo"), "main@sha1:0123456789abcdef0123456789abcdef01234567"),
        new EntityEvents.SubscriberAdded(Key),
        new EntityEvents.SubscriberRemoved(Key),
        new EntityQueries.GetEntityState(Key),
        new EntityQueries.EntityStateReply(Key, "akka.tcp://fleet@127.0.0.1:4053", new EntityState { Generation = 2, Conditions = [Ready] }, true),
        new EntityEvents.ObjectObserved("{}", "uid-7", 3, "now", new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc)),
        new EntityEvents.ReconcileFinished(4, "token", ReconcileOutcome.Stalled, ConditionReasons.InvalidPath, "path ./x not found", "main@sha1:abc", [Ready], DateTime.UnixEpoch, """{"artifact":{"digest":"sha256:00"}}"""),
        new EntityEvents.ObjectRemoved(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        new EntityEvents.AlertsPending([new PendingAlert("id-1", "flux-system", "on-call", new Fleet.Messages.Api.Notification.FluxEvent
        {
            InvolvedObject = new Fleet.Messages.Api.Notification.FluxEventObject { Kind = "Kustomization", Namespace = "flux-system", Name = "apps", ApiVersion = "kustomize.toolkit.fluxcd.io/v1" },
            Severity = "error",
            Timestamp = new DateTimeOffset(2026, 12, 8, 3, 20, 49, TimeSpan.Zero),
            Message = "apply failed",
            Reason = "ReconciliationFailed",
            Metadata = new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/revision"] = "main@sha1:abc" },
            ReportingController = "kustomize-controller",
            ReportingInstance = "node-1",
        })]),
        new EntityEvents.AlertDelivered("id-1"),
        new EntityState
        {
            ObjectJson = "{\"spec\":{}}",
            Uid = "u",
            Generation = 5,
            RequestedAt = "r",
            Removed = true,
            ObservedGeneration = 4,
            Subscribers = [Key],
            LastHandledReconcileAt = "h",
            Conditions = ImmutableList.Create(Ready),
            KindStatusJson = """{"artifact":{"revision":"v1.2.3@sha1:abc"}}""",
            LastOutcome = ReconcileOutcome.Failed,
            LastRevision = "v1.2.3@sha1:abc",
            ConsecutiveFailures = 2,
            ReconcileCount = 9,
            LastReconcileAt = new DateTime(2026, 11, 24, 5, 6, 7, DateTimeKind.Utc),
        },
    ];

    public static TheoryData<int> SampleIndexes() => [.. Enumerable.Range(0, Samples.Count)];

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void RoundTripsUnderItsManifest(int index)
    {
        var sample = Samples[index];
        var serializer = Sys.Serialization.FindSerializerFor(sample);
        var withManifest = Assert.IsType<FleetSerializer>(serializer);

        var manifest = withManifest.Manifest(sample);
        var bytes = withManifest.ToBinary(sample);
        var back = withManifest.FromBinary(bytes, manifest);

        Assert.Equal(sample.GetType(), back.GetType());
        Assert.Equal(FleetJson.Serialize(sample), FleetJson.Serialize(back));
        Assert.Matches("^[a-z-]+\\.v[0-9]+$", manifest);
        Assert.DoesNotContain("Fleet.", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void EverySerializableTypeHasAManifestAndASample()
    {
        var messageTypes = typeof(IFleetMessage).Assembly.GetTypes()
            .Where(t => typeof(IFleetMessage).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToHashSet();
        Assert.Equal(messageTypes.OrderBy(t => t.FullName), FleetManifests.Types.OrderBy(t => t.FullName));
        Assert.Equal(messageTypes.OrderBy(t => t.FullName), Samples.Select(s => s.GetType()).Distinct().OrderBy(t => t.FullName));
    }

    [Fact]
    public void ManifestsAreUnique() =>
        Assert.Equal(FleetManifests.Types.Count, FleetManifests.Types.Select(FleetManifests.ManifestOf).Distinct().Count());

    [Fact]
    public void UnknownManifestIsRejectedWithItsName()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(IFleetMessage));
        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "no-such.v9"));
        Assert.Contains("no-such.v9", error.Message, StringComparison.Ordinal);
    }

    public FleetSerializerTests()
        : base("""
            akka.actor.serializers.fleet = "Fleet.Actors.Serialization.FleetSerializer, Fleet.Actors"
            akka.actor.serialization-bindings { "Fleet.Messages.IFleetMessage, Fleet.Messages" = fleet }
            """)
    {
    }
}
