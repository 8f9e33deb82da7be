using System.Text.Json.Nodes;

namespace Fleet.Tests.Sandbox.Conformance;

/// <summary>The conformance checks of the kubernetes-api reference §5.2 with the real kubectl 1.32 and 1.33.</summary>
public sealed class KubectlConformanceTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    public static TheoryData<string> Versions => ["1.32", "1.33"];

    private CliRun Cli => new(fixture.Kubeconfig, fixture.Directory);

    private static string Kubectl(string version) => version == "1.32" ? ToolLocator.Kubectl132 : ToolLocator.Kubectl133;

    private Task<CliResult> RunAsync(string version, params string[] args) => Cli.RunAsync(Kubectl(version), args);

    private Task<CliResult> ApplyAsync(string version, string manifest, params string[] args) =>
        Cli.RunAsync(Kubectl(version), ["apply", "-f", "-", .. args], manifest);

    private async Task<string> NamespaceAsync(string version, string prefix)
    {
        var ns = $"{prefix}-{version.Replace(".", "", StringComparison.Ordinal)}";
        (await Cli.RunAsync(Kubectl(version), ["create", "-f", "-"], $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{ns}}}"}}""")).Succeeded();
        return ns;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Check01VersionDiscoveryAndReads(string version)
    {
        var v = (await RunAsync(version, "version", "-o", "json")).Succeeded();
        Assert.Equal("v1.32.4", JsonNode.Parse(v.Stdout)!["serverVersion"]!["gitVersion"]!.GetValue<string>());

        var resources = (await RunAsync(version, "api-resources")).Succeeded().Stdout;
        Assert.Matches(@"(?m)^deployments\s+deploy\s+apps/v1\s+true\s+Deployment", resources);
        Assert.Matches(@"(?m)^namespaces\s+ns\s+v1\s+false\s+Namespace", resources);

        Assert.Contains("kube-system", (await RunAsync(version, "get", "ns")).Succeeded().Stdout, StringComparison.Ordinal);
        var yaml = (await RunAsync(version, "get", "ns", "default", "-o", "yaml")).Succeeded().Stdout;
        Assert.Contains("kubernetes.io/metadata.name: default", yaml, StringComparison.Ordinal);
        Assert.Contains("phase: Active", yaml, StringComparison.Ordinal);
        (await RunAsync(version, "get", "all", "-A")).Succeeded();
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Check08SelectorsFilterAndUnsupportedFieldsFail(string version)
    {
        var ns = await NamespaceAsync(version, "sel");
        foreach (var (name, labels) in new[] { ("a", "app: a"), ("b", "app: b"), ("c", "app: c"), ("skipped", "app: a\n    skip: \"yes\"") })
        {
            (await ApplyAsync(version, $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n    {labels}\n")).Succeeded();
        }

        var selected = (await RunAsync(version, "get", "cm", "-n", ns, "-l", "app in (a,b),!skip", "-o", "name")).Succeeded().Stdout;
        Assert.Equal(["configmap/a", "configmap/b"], selected.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var byName = (await RunAsync(version, "get", "cm", "-n", ns, "--field-selector", "metadata.name=c", "-o", "name")).Succeeded().Stdout;
        Assert.Equal("configmap/c", byName.Trim());
        var unsupported = (await RunAsync(version, "get", "cm", "-n", ns, "--field-selector", "data.x=1")).Failed();
        Assert.Contains("field label not supported: data.x", unsupported.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Check11ErrorTexts(string version)
    {
        var ns = await NamespaceAsync(version, "err");
        var missing = (await RunAsync(version, "get", "cm", "nope", "-n", ns)).Failed();
        Assert.Contains("Error from server (NotFound): configmaps \"nope\" not found", missing.Stderr, StringComparison.Ordinal);

        var manifest = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup","namespace":"{{{ns}}}"},"data":{"a":"1"}}""";
        (await Cli.RunAsync(Kubectl(version), ["create", "-f", "-"], manifest)).Succeeded();
        var duplicate = (await Cli.RunAsync(Kubectl(version), ["create", "-f", "-"], manifest)).Failed();
        Assert.Contains("Error from server (AlreadyExists): error when creating \"STDIN\": configmaps \"dup\" already exists", duplicate.Stderr, StringComparison.Ordinal);

        var stale = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup","namespace":"{{{ns}}}","resourceVersion":"1"},"data":{"a":"2"}}""";
        var conflict = (await Cli.RunAsync(Kubectl(version), ["replace", "-f", "-"], stale)).Failed();
        Assert.Contains("Error from server (Conflict): error when replacing \"STDIN\": Operation cannot be fulfilled on configmaps \"dup\": the object has been modified; please apply your changes to the latest version and try again", conflict.Stderr, StringComparison.Ordinal);
    }
}
