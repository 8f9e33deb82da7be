namespace Fleet.Tests.Commands;

/// <summary>A mistyped verb fails and shows the verbs that exist, so a newcomer can find the one they meant.</summary>
public sealed class UnknownVerbTests
{
    [Fact]
    public async Task AnUnknownVerbExitsNonZeroAndListsTheVerbs()
    {
        var (exitCode, output, error) = await FleetCli.RunAsync(["reconcil"]);

        Assert.NotEqual(0, exitCode);
        var text = output + error;
        Assert.Contains("Unrecognized command or argument 'reconcil'", text, StringComparison.Ordinal);
        foreach (var verb in new[] { "node", "sandbox", "get", "reconcile", "suspend", "resume", "events", "tree", "push" })
        {
            Assert.Matches($@"(?m)^\s+{verb}\s", text);
        }
    }
}
