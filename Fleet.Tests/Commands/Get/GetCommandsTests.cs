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
        Assert.Equal(expected, GetCommands.NamespaceFor(parse, environment));
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

    [Fact]
    public void AnUnknownKindIsAnError() =>
        Assert.NotEmpty(Root().Parse(["get", "widgets"]).Errors);

    private static System.CommandLine.RootCommand Root() => new() { GetCommands.Create() };
}
