namespace Fleet.Tests.Sandbox.Conformance;

/// <summary>The real kubectl 1.32 and 1.33 against one sandbox fixture: the versions a theory runs with, runs, and
/// a namespace of the test's own per version.</summary>
public sealed class KubectlRun(SandboxServerFixture fixture)
{
    public static TheoryData<string> Versions => ["1.32", "1.33"];

    public CliRun Cli => new(fixture.Kubeconfig, fixture.Directory);

    public static string Binary(string version) => version == "1.32" ? ToolLocator.Kubectl132 : ToolLocator.Kubectl133;

    public Task<CliResult> RunAsync(string version, params string[] args) => Cli.RunAsync(Binary(version), args);

    public async Task<string> NamespaceAsync(string version, string prefix)
    {
        var ns = $"{prefix}-{version.Replace(".", "", StringComparison.Ordinal)}";
        (await Cli.RunAsync(Binary(version), ["create", "-f", "-"], $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{ns}}}"}}""")).Succeeded();
        return ns;
    }
}
