using Fleet.Node.Commands.Get;

namespace Fleet.Tests.Commands.Get;

public class GetTableTests
{
    private static readonly FluxObjectRow Infra = new("Kustomization", "flux-system", "infrastructure", "main@sha1:0123abcd", "False", "True", "Applied revision: main@sha1:0123abcd");
    private static readonly FluxObjectRow Apps = new("Kustomization", "team-a", "apps", "", "True", "False", "waiting to be reconciled");

    [Fact]
    public void ColumnsArePaddedToTheWidestCellAndSeparatedByTabsLikeFluxGet()
    {
        var text = GetTable.Render([Infra, Apps], allNamespaces: false, kindInName: false);

        Assert.Equal(
            "NAME          \tREVISION          \tSUSPENDED\tREADY\tMESSAGE\n" +
            "infrastructure\tmain@sha1:0123abcd\tFalse    \tTrue \tApplied revision: main@sha1:0123abcd\n" +
            "apps          \t                  \tTrue     \tFalse\twaiting to be reconciled\n",
            text);
    }

    [Fact]
    public void AllNamespacesAddsTheNamespaceColumnFirst()
    {
        var lines = GetTable.Render([Infra, Apps], allNamespaces: true, kindInName: false).Split('\n');

        Assert.StartsWith("NAMESPACE  \tNAME          \tREVISION", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("flux-system\tinfrastructure\t", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("team-a     \tapps          \t", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void UnderGetAllNamesCarryTheirKindInLowerCase()
    {
        var lines = GetTable.Render([Apps], allNamespaces: false, kindInName: true).Split('\n');

        Assert.StartsWith("kustomization/apps\t", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("main@sha1:0123456789abcdef0123456789abcdef01234567", "main@sha1:01234567")]
    [InlineData("sha256:" + "aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233", "sha256:aa11bb22")]
    [InlineData("stored artifact for revision 'main@sha1:0123456789abcdef0123456789abcdef01234567'", "stored artifact for revision 'main@sha1:01234567'")]
    [InlineData("v1.2.3", "v1.2.3")]
    [InlineData("short 0123abcd stays", "short 0123abcd stays")]
    [InlineData("", "")]
    public void HexRunsOfFortyOrMoreAreShortenedToEight(string text, string expected) =>
        Assert.Equal(expected, HexTruncation.Truncate(text));
}
