using System.Text.Json.Nodes;
using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api.Meta;
using Fleet.Tests.Support;

namespace Fleet.Tests.Reconciliation;

/// <summary>Which finalizer write an observation calls for: add once before the first run, clean up and remove on deletion.</summary>
public class FinalizerStateTests
{
    [Fact]
    public void TheFinalizerIsAddedOnceUntilTheWriteFails()
    {
        var state = new FinalizerState();
        var facts = Facts(finalizers: ["other.io/keep"]);

        Assert.Equal(FinalizerWrite.Add, state.Next(facts));
        Assert.Equal(FinalizerWrite.None, state.Next(facts));
        state.AddFailed();
        Assert.Equal(FinalizerWrite.Add, state.Next(facts));
        Assert.Equal(["other.io/keep", FluxAnnotations.Finalizer], FinalizerState.WithFleets(facts.Finalizers));
    }

    [Fact]
    public void AFinalizerSomeoneRemovedIsAddedAgain()
    {
        var state = new FinalizerState();
        Assert.Equal(FinalizerWrite.Add, state.Next(Facts(finalizers: [])));
        Assert.Equal(FinalizerWrite.None, state.Next(Facts(finalizers: [FluxAnnotations.Finalizer])));

        Assert.Equal(FinalizerWrite.Add, state.Next(Facts(finalizers: [])));
    }

    [Fact]
    public void AnObjectThatCarriesTheFinalizerNeedsNoWrite() =>
        Assert.Equal(FinalizerWrite.None, new FinalizerState().Next(Facts(finalizers: [FluxAnnotations.Finalizer])));

    [Fact]
    public void ADeletedObjectWithTheFinalizerIsCleanedUpAndReleased()
    {
        var state = new FinalizerState();
        var deleting = Facts(finalizers: ["other.io/keep", FluxAnnotations.Finalizer], deleting: true);

        Assert.Equal(FinalizerWrite.CleanUpAndRemove, state.Next(deleting));
        Assert.Equal(["other.io/keep"], FinalizerState.WithoutFleets(deleting.Finalizers));
        Assert.Equal(FinalizerWrite.None, state.Next(Facts(finalizers: ["other.io/keep"], deleting: true)));
    }

    private static ObjectFacts Facts(string[] finalizers, bool deleting = false)
    {
        var obj = JsonNode.Parse(TestObjects.GitRepository("flux-system", "podinfo"))!.AsObject();
        obj["metadata"]!["finalizers"] = new JsonArray([.. finalizers.Select(f => JsonValue.Create(f))]);
        if (deleting)
        {
            obj["metadata"]!["deletionTimestamp"] = "2026-12-01T10:00:00Z";
        }
        return ObjectFacts.Parse(obj.ToJsonString());
    }
}
