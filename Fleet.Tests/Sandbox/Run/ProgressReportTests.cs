using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Progress;

namespace Fleet.Tests.Sandbox.Run;

public class ProgressReportTests
{
    private const string Git = "GitRepository/flux-system/fleet-example";
    private const string Infra = "Kustomization/flux-system/infrastructure";

    [Fact]
    public void ALineIsPrintedOnlyWhenAnObjectsStateOrMessageChanges()
    {
        var report = new ProgressReport([Git, Infra]);

        var first = report.Observe([Read(Git, null), Read(Infra, null)]);
        var same = report.Observe([Read(Git, null), Read(Infra, null)]);
        var gitReady = report.Observe([Read(Git, Ready("True", "Succeeded", "stored artifact for revision 'main@sha1:abc'")), Read(Infra, null)]);

        Assert.Equal(2, first.Lines.Count);
        Assert.Empty(same.Lines);
        Assert.Equal(
            [$"{Git}   Ready                 stored artifact for revision 'main@sha1:abc'"],
            gitReady.Lines);
        Assert.False(gitReady.AllReady);
    }

    [Fact]
    public void AllReadyIsReportedOnceWhenTheLastObjectBecomesReady()
    {
        var report = new ProgressReport([Git, Infra]);
        var ready = Read(Git, Ready("True", "Succeeded", "ok"));

        var partly = report.Observe([ready, Read(Infra, Ready("False", "DependencyNotReady", "waiting"))]);
        var all = report.Observe([ready, Read(Infra, Ready("True", "ReconciliationSucceeded", "Applied revision: main@sha1:abc"))]);
        var still = report.Observe([ready, Read(Infra, Ready("True", "ReconciliationSucceeded", "Applied revision: main@sha1:abc"))]);

        Assert.Contains($"{Infra}  DependencyNotReady    waiting", partly.Lines);
        Assert.True(all.BecameReady);
        Assert.True(still.AllReady);
        Assert.False(still.BecameReady);
    }

    [Fact]
    public void AReadyConditionOlderThanTheSpecDoesNotCount()
    {
        var obj = Ready("True", "ReconciliationSucceeded", "ok");
        obj["metadata"]!["generation"] = 2;

        var readiness = Read(Infra, obj);

        Assert.False(readiness.Ready);
        Assert.Equal("Progressing", readiness.State);
    }

    [Fact]
    public void TheTimeoutReportNamesEachObjectThatIsNotReadyWithItsConditions()
    {
        var report = new ProgressReport([Git, Infra]);
        var failing = Ready("False", "ArtifactFailed", "kustomization path not found");
        ((JsonArray)failing["status"]!["conditions"]!).Add(new JsonObject { ["type"] = "Stalled", ["status"] = "True", ["reason"] = "ArtifactFailed", ["message"] = "kustomization path not found" });

        var lines = report.NotReady([Read(Git, Ready("True", "Succeeded", "ok")), Read(Infra, failing)]);

        Assert.Equal(
            [
                $"{Infra}  ArtifactFailed        kustomization path not found",
                "    Ready=False (ArtifactFailed): kustomization path not found",
                "    Stalled=True (ArtifactFailed): kustomization path not found",
            ],
            lines);
    }

    [Fact]
    public void AMissingObjectIsNotReady()
    {
        var report = new ProgressReport([Git]);

        Assert.False(report.Observe([]).AllReady);
        Assert.StartsWith($"{Git}  NotFound", Assert.Single(report.NotReady([])), StringComparison.Ordinal);
    }

    private static ObjectReadiness Read(string id, JsonObject? obj) =>
        ObjectReadiness.From(id, obj ?? new JsonObject { ["metadata"] = new JsonObject { ["generation"] = 1 } });

    private static JsonObject Ready(string status, string reason, string message) => new()
    {
        ["metadata"] = new JsonObject { ["generation"] = 1 },
        ["status"] = new JsonObject
        {
            ["observedGeneration"] = 1,
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = status, ["reason"] = reason, ["message"] = message }),
        },
    };
}
