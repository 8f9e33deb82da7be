using Fleet.Node.Commands.Cli;
using Fleet.Node.Commands.Get;

namespace Fleet.Tests.Commands.Get;

public class GetCommandsTests
{
    [Theory]
    [InlineData(new[] { "get", "ks" }, null, "flux-system")]
    [InlineData(new[] { "get", "ks" }, "fleet-system", "fleet-system")]
    [InlineData(new[] { "get", "ks", "-n", "team-a" }, "fleet-system", "team-a")]
    [InlineData(new[] { "get", "sources", "git", "--namespace", "team-b" }, null, "team-b")]
    [InlineData(new[] { "get", "all", "-A", "-n", "team-a" }, null, null)]
    public void TheNamespaceIsFluxsDefaultTheEnvironmentsOrTheFlagsAndAllNamespacesWins(string[] args, string? environment, string? expected)
    {
        var parse = Root().Parse(args);

        Assert.Empty(parse.Errors);
        Assert.Equal(expected, KubeOptions.NamespaceFor(parse, environment));
    }

    [Theory]
    [InlineData("kustomizations")]
    [InlineData("ks")]
    [InlineData("kustomization")]
    [InlineData("helmreleases")]
    [InlineData("hr")]
    public void KindsAreReachedByFluxsNamesAndAliases(string name) =>
        Assert.Empty(Root().Parse(["get", name, "some-name", "--kubeconfig", "k", "--context", "c"]).Errors);

    [Theory]
    [InlineData("git")]
    [InlineData("helm")]
    [InlineData("oci")]
    [InlineData("bucket")]
    [InlineData("chart")]
    [InlineData("all")]
    public void EverySourceKindHasASubcommand(string name) =>
        Assert.Empty(Root().Parse(["get", "sources", name, "-A"]).Errors);

    [Theory]
    [InlineData("images", "repository")]
    [InlineData("images", "policy")]
    [InlineData("images", "update")]
    [InlineData("images", "all")]
    [InlineData("alerts", null)]
    [InlineData("alert-providers", null)]
    [InlineData("receivers", null)]
    public void EveryNotificationAndImageKindHasASubcommand(string name, string? leaf) =>
        Assert.Empty(Root().Parse(leaf is null ? ["get", name, "-o", "yaml"] : ["get", name, leaf, "--status-selector", "ready=false"]).Errors);

    [Fact]
    public void AnUnknownOutputFormatIsAnError() =>
        Assert.NotEmpty(Root().Parse(["get", "ks", "-o", "xml"]).Errors);

    [Fact]
    public void AnUnknownKindIsAnError() =>
        Assert.NotEmpty(Root().Parse(["get", "widgets"]).Errors);

    private static System.CommandLine.RootCommand Root() => new() { GetCommands.Create() };
}
