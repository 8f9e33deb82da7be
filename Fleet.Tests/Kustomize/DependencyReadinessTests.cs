using System.Text.Json.Nodes;
using Fleet.Actors.Toolkit;
using Fleet.Messages;

namespace Fleet.Tests.Kustomize;

public class DependencyReadinessTests
{
    private static readonly ObjectKey Dependency = new("Kustomization", "flux-system", "infrastructure");
    private static readonly ObjectKey Source = new("GitRepository", "flux-system", "fleet-infra");

    private static JsonObject Kustomization(long generation = 2, long? observed = 2, string ready = "True", string sourceName = "fleet-infra", string? applied = "main@sha1:aaa")
    {
        var status = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready, ["reason"] = "ReconciliationSucceeded" }),
            ["lastAppliedRevision"] = applied,
        };
        if (observed is { } o)
        {
            status["observedGeneration"] = o;
        }
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "infrastructure", ["namespace"] = "flux-system", ["generation"] = generation },
            ["spec"] = new JsonObject { ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = sourceName } },
            ["status"] = status,
        };
    }

    [Fact]
    public void AReadyDependencyAtTheSameRevisionOfTheSameSourceIsReady() =>
        Assert.Null(DependencyReadiness.Blocker(Dependency, Kustomization(), Source, "main@sha1:aaa"));

    [Fact]
    public void AMissingDependencyIsNamed() =>
        Assert.Equal("dependency 'flux-system/infrastructure' not found", DependencyReadiness.Blocker(Dependency, null, Source, "main@sha1:aaa"));

    [Theory]
    [InlineData(3L, 2L, "True")]
    [InlineData(2L, null, "True")]
    [InlineData(2L, 2L, "False")]
    [InlineData(2L, 2L, "Unknown")]
    public void ADependencyNotReadyAtItsLatestGenerationBlocks(long generation, long? observed, string ready) =>
        Assert.Equal("dependency 'flux-system/infrastructure' is not ready", DependencyReadiness.Blocker(Dependency, Kustomization(generation, observed, ready), Source, "main@sha1:aaa"));

    [Fact]
    public void TheSameSourceMustHaveBeenAppliedAtTheRevisionAboutToBeApplied() =>
        Assert.Equal("dependency 'flux-system/infrastructure' revision is not up to date",
            DependencyReadiness.Blocker(Dependency, Kustomization(), Source, "main@sha1:bbb"));

    [Fact]
    public void ADependencyOnAnotherSourceNeedsOnlyToBeReady() =>
        Assert.Null(DependencyReadiness.Blocker(Dependency, Kustomization(sourceName: "other"), Source, "main@sha1:bbb"));
}
