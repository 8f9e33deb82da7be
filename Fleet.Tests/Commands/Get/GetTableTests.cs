using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Cli;
using Fleet.Node.Commands.Get;

namespace Fleet.Tests.Commands.Get;

public class GetTableTests
{
    private static readonly JsonObject Infra = Kustomization("flux-system", "infrastructure", suspend: false, "main@sha1:0123abcd", "True", "Applied revision: main@sha1:0123abcd");
    private static readonly JsonObject Apps = Kustomization("team-a", "apps", suspend: true, null, null, null);

    [Fact]
    public void ColumnsArePaddedToTheWidestCellAndSeparatedByTabsLikeFluxGet()
    {
        var text = Render([Infra, Apps], allNamespaces: false, kindInName: false);

        Assert.Equal(
            "NAME          \tREVISION          \tSUSPENDED\tREADY\tMESSAGE\n" +
            "infrastructure\tmain@sha1:0123abcd\tFalse    \tTrue \tApplied revision: main@sha1:0123abcd\n" +
            "apps          \t                  \tTrue     \tFalse\twaiting to be reconciled\n",
            text);
    }

    [Fact]
    public void AllNamespacesAddsTheNamespaceColumnFirst()
    {
        var lines = Render([Infra, Apps], allNamespaces: true, kindInName: false).Split('\n');

        Assert.StartsWith("NAMESPACE  \tNAME          \tREVISION", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("flux-system\tinfrastructure\t", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("team-a     \tapps          \t", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void UnderGetAllNamesCarryTheirKindInLowerCase()
    {
        var lines = Render([Apps], allNamespaces: false, kindInName: true).Split('\n');

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

    [Fact]
    public void AnAlertHasNoStatusAndIsReadyAsFluxPrintsIt()
    {
        var alert = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "slack", ["namespace"] = "flux-system" }, ["spec"] = new JsonObject() };

        Assert.Equal(["NAME", "SUSPENDED", "READY", "MESSAGE"], GetRows.Headers(FluxKinds.Alert, false).Select(h => h.ToUpperInvariant()));
        Assert.Equal(["slack", "False", "True", "Alert is Ready"], GetRows.Cells(FluxKinds.Alert, alert, false, false));
    }

    [Fact]
    public void OnATerminalTheLastColumnIsCutToTheWidth()
    {
        var text = TextTable.Render(["Name", "Message"], [["a", new string('m', 100)]], width: 40);

        // "a" padded to the width of "NAME", a tab to column 8, then 31 characters and the ellipsis fill the 40 columns.
        Assert.Equal("a   \t" + new string('m', 31) + "…", text.Split('\n')[1]);
    }

    private static string Render(JsonObject[] objects, bool allNamespaces, bool kindInName) =>
        TextTable.Render(GetRows.Headers(FluxKinds.Kustomization, allNamespaces), objects.Select(o => GetRows.Cells(FluxKinds.Kustomization, o, allNamespaces, kindInName)));

    private static JsonObject Kustomization(string ns, string name, bool suspend, string? revision, string? ready, string? message)
    {
        var obj = new JsonObject { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns }, ["spec"] = new JsonObject { ["suspend"] = suspend } };
        if (revision is not null)
        {
            obj["status"] = new JsonObject
            {
                ["lastAppliedRevision"] = revision,
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready, ["reason"] = "R", ["message"] = message }),
            };
        }
        return obj;
    }
}
