using System.Text.Json.Nodes;
using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Tests.Reconciliation;

/// <summary>The status patch carries the kind's fields too, only what changed, and drops what the kind no longer reports.</summary>
public class StatusDocumentTests
{
    private static readonly Condition Ready = new()
    {
        Type = ConditionTypes.Ready,
        Status = ConditionStatus.True,
        ObservedGeneration = 1,
        LastTransitionTime = new DateTime(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc),
        Reason = ConditionReasons.Succeeded,
        Message = "stored artifact for revision 'main@sha1:abc'",
    };

    private static readonly EntityState State = new()
    {
        ObservedGeneration = 1,
        Conditions = [Ready],
        KindStatusJson = """{"artifact":{"revision":"main@sha1:abc","digest":"sha256:01"},"observedIgnore":"*.md"}""",
    };

    [Fact]
    public void WritesTheKindFieldsNextToTheRuntimeFields()
    {
        var patch = StatusDocument.PatchFrom(new JsonObject(), State)!;

        Assert.Equal("main@sha1:abc", patch["artifact"]!["revision"]!.GetValue<string>());
        Assert.Equal("*.md", patch["observedIgnore"]!.GetValue<string>());
        Assert.Equal(1, patch["observedGeneration"]!.GetValue<long>());
    }

    [Fact]
    public void WritesNothingWhenTheLiveStatusAlreadyHolds()
    {
        var live = new JsonObject { ["status"] = StatusDocument.From(State) };

        Assert.Null(StatusDocument.PatchFrom(live, State));
    }

    [Fact]
    public void PatchesOnlyTheChangedField()
    {
        var live = new JsonObject { ["status"] = StatusDocument.From(State) };
        var next = State with { KindStatusJson = """{"artifact":{"revision":"main@sha1:def","digest":"sha256:01"},"observedIgnore":"*.md"}""" };

        var patch = StatusDocument.PatchFrom(live, next)!;

        Assert.Equal("""{"artifact":{"revision":"main@sha1:def"}}""", patch.ToJsonString());
    }

    [Fact]
    public void RemovesAFieldTheKindNoLongerReports()
    {
        var live = new JsonObject { ["status"] = StatusDocument.From(State) };
        var next = State with { KindStatusJson = """{"artifact":{"revision":"main@sha1:abc","digest":"sha256:01"}}""" };

        var patch = StatusDocument.PatchFrom(live, next)!;

        Assert.Equal("""{"observedIgnore":null}""", patch.ToJsonString());
    }

    [Fact]
    public void LeavesForeignFieldsAloneWhileTheKindReportsNone()
    {
        var live = new JsonObject { ["status"] = StatusDocument.From(State with { KindStatusJson = null }) };
        live["status"]!["artifact"] = new JsonObject { ["revision"] = "x" };

        Assert.Null(StatusDocument.PatchFrom(live, State with { KindStatusJson = null }));
    }

    [Fact]
    public void AWrittenPatchIsHowTheEntitySeesItsObjectUntilTheWatchCatchesUp()
    {
        var live = JsonNode.Parse("""{"metadata":{"name":"a"},"status":{"observedGeneration":1,"artifact":{"revision":"r1","size":3},"old":true}}""")!.AsObject();
        var patch = JsonNode.Parse("""{"conditions":[{"type":"Ready"}],"artifact":{"revision":"r2"},"old":null}""")!.AsObject();

        var seen = StatusDocument.WithStatusPatch(live, patch);

        Assert.Equal(
            """{"metadata":{"name":"a"},"status":{"observedGeneration":1,"artifact":{"revision":"r2","size":3},"conditions":[{"type":"Ready"}]}}""",
            seen.ToJsonString());
        Assert.Equal("r1", live["status"]!["artifact"]!["revision"]!.GetValue<string>());
        Assert.Equal(seen.ToJsonString(), StatusDocument.WithStatusPatch(seen, patch).ToJsonString());
    }
}
