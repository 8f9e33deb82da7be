using System.Text.Json.Nodes;

namespace Fleet.Actors.Apply;

/// <summary>One object after its dry-run: what to do, the live object and what the API server would store.</summary>
internal sealed record ObjectPlan(ObjectRef Ref, JsonObject Manifest, PlanAction Action)
{
    public RestMapping? Mapping { get; init; }

    public JsonObject? Existing { get; init; }

    public JsonObject? DryRun { get; init; }

    public string Failure { get; init; } = "";

    public PlanFailureCause Cause { get; init; }

    public static ObjectPlan Failed(ObjectRef o, JsonObject manifest, PlanFailureCause cause, string message) =>
        new(o, manifest, PlanAction.Failed) { Cause = cause, Failure = message };
}
