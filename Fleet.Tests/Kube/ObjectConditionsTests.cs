using System.Text.Json.Nodes;
using Fleet.Actors.Kube;

namespace Fleet.Tests.Kube;

public class ObjectConditionsTests
{
    [Fact]
    public void ReadsEveryFieldOfAConditionTheApiReturned()
    {
        var obj = WithConditions("""
            [{"type":"Ready","status":"False","observedGeneration":3,"lastTransitionTime":"2026-01-02T03:04:05Z",
              "reason":"BuildFailed","message":"kustomize build failed"}]
            """);

        var ready = Assert.Single(ObjectConditions.Of(obj));

        Assert.Equal("Ready", ready.Type);
        Assert.Equal("False", ready.Status);
        Assert.Equal(3, ready.ObservedGeneration);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), ready.LastTransitionTime);
        Assert.Equal(DateTimeKind.Utc, ready.LastTransitionTime.Kind);
        Assert.Equal("BuildFailed", ready.Reason);
        Assert.Equal("kustomize build failed", ready.Message);
    }

    [Fact]
    public void AConditionWithoutReasonOrTimeIsStillRead()
    {
        var obj = WithConditions("""[{"type":"Established","status":"True"}]""");

        var established = ObjectConditions.Find(obj, "Established");

        Assert.NotNull(established);
        Assert.Equal("True", established.Status);
        Assert.Equal("", established.Reason);
        Assert.Equal("", established.Message);
        Assert.Null(established.ObservedGeneration);
        Assert.Equal(default, established.LastTransitionTime);
    }

    [Fact]
    public void FieldsOfTheWrongTypeReadAsEmptyAndEntriesThatAreNotObjectsAreSkipped()
    {
        var obj = WithConditions("""
            ["Ready", 7, {"type":"Ready","status":true,"reason":5,"observedGeneration":1.5,"lastTransitionTime":"yesterday"}]
            """);

        var ready = Assert.Single(ObjectConditions.Of(obj));

        Assert.Equal("Ready", ready.Type);
        Assert.Equal("", ready.Status);
        Assert.Equal("", ready.Reason);
        Assert.Null(ready.ObservedGeneration);
        Assert.Equal(default, ready.LastTransitionTime);
    }

    [Fact]
    public void KeepsTheOrderAndFindsTheFirstOfAType()
    {
        var obj = WithConditions("""
            [{"type":"Reconciling","status":"True"},{"type":"Ready","status":"Unknown","message":"first"},
             {"type":"Ready","status":"True","message":"second"}]
            """);

        Assert.Equal(["Reconciling", "Ready", "Ready"], ObjectConditions.Of(obj).Select(c => c.Type));
        Assert.Equal("first", ObjectConditions.Find(obj, "Ready")?.Message);
        Assert.Null(ObjectConditions.Find(obj, "Stalled"));
    }

    [Theory]
    [InlineData("""{"kind":"GitRepository"}""")]
    [InlineData("""{"status":{}}""")]
    [InlineData("""{"status":"pending"}""")]
    [InlineData("""{"status":{"conditions":{"type":"Ready"}}}""")]
    public void AnObjectWithoutAConditionListHasNone(string json) =>
        Assert.Empty(ObjectConditions.Of(JsonNode.Parse(json)!.AsObject()));

    private static JsonObject WithConditions(string conditions) =>
        new() { ["status"] = new JsonObject { ["conditions"] = JsonNode.Parse(conditions) } };
}
