namespace Fleet.Tests.Cluster;

public sealed class RunOverlapsTests
{
    private static RunLine Line(string node, bool started, double seconds) => new(node, "Kustomization/flux-system/app", started, TimeSpan.FromSeconds(seconds));

    [Fact]
    public void RunsOneAfterAnotherOnTwoNodesDoNotOverlap()
    {
        Assert.Empty(RunOverlaps.Find([Line("a", true, 1), Line("a", false, 2), Line("b", true, 3), Line("b", false, 4)], []));
    }

    [Fact]
    public void ARunOnANodeWhileAnotherNodesRunIsUnderWayIsAnOverlap()
    {
        var overlap = Assert.Single(RunOverlaps.Find([Line("a", true, 1), Line("b", true, 2), Line("a", false, 3), Line("b", false, 4)], []));
        Assert.Contains("on a 1.00-3.00 s and on b from 2.00 s", overlap, StringComparison.Ordinal);
    }

    [Fact]
    public void AKilledNodesUnfinishedRunEndsAtTheKill()
    {
        Assert.Empty(RunOverlaps.Find([Line("a", true, 1), Line("b", true, 5), Line("b", false, 6)], [("a", TimeSpan.FromSeconds(2))]));
        Assert.Single(RunOverlaps.Find([Line("a", true, 1), Line("b", true, 5), Line("b", false, 6)], []));
    }
}
