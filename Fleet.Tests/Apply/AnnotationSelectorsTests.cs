using System.Text.Json.Nodes;
using Fleet.Actors.Apply;

namespace Fleet.Tests.Apply;

public sealed class AnnotationSelectorsTests
{
    private readonly AnnotationSelectors _selectors = new("kustomize.toolkit.fluxcd.io");

    private static JsonObject With(string map, string key, string value) =>
        new() { ["metadata"] = new JsonObject { [map] = new JsonObject { [$"kustomize.toolkit.fluxcd.io/{key}"] = value } } };

    [Theory]
    [InlineData("annotations", "ssa", "Ignore", true)]
    [InlineData("labels", "ssa", "ignore", true)]
    [InlineData("annotations", "reconcile", "Disabled", true)]
    [InlineData("annotations", "ssa", "Merge", false)]
    [InlineData("annotations", "reconcile", "", false)]
    public void ExclusionMatchesLabelsOrAnnotationsCaseInsensitively(string map, string key, string value, bool excluded)
    {
        Assert.Equal(excluded, _selectors.IsExcluded(With(map, key, value)));
    }

    [Fact]
    public void PruneExclusionAlsoCoversTheApplyExclusions()
    {
        Assert.True(_selectors.IsPruneExcluded(With("annotations", "prune", "disabled")));
        Assert.True(_selectors.IsPruneExcluded(With("labels", "ssa", "Ignore")));
        Assert.False(_selectors.IsPruneExcluded(With("annotations", "prune", "enabled")));
        Assert.False(_selectors.IsPruneExcluded(null));
    }

    [Fact]
    public void RecognisesTheOtherMarkers()
    {
        Assert.True(_selectors.IsIfNotPresent(With("annotations", "ssa", "IfNotPresent")));
        Assert.True(_selectors.IsMerge(With("annotations", "ssa", "merge")));
        Assert.True(_selectors.IsForce(With("annotations", "force", "Enabled")));
        Assert.False(_selectors.IsForce(With("annotations", "force", "true")));
    }
}
