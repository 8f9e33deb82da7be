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

        (await Cli.RunAsync(Kubectl(version), ["create", "-n", ns, "-f", "-"], LifecycleDeploymentJson("web"))).Succeeded();
        var reselected = LifecycleDeploymentJson("web").Replace("\"matchLabels\":{\"app\":\"web\"}", "\"matchLabels\":{\"app\":\"web\",\"tier\":\"x\"}", StringComparison.Ordinal)
            .Replace("\"labels\":{\"app\":\"web\"}", "\"labels\":{\"app\":\"web\",\"tier\":\"x\"}", StringComparison.Ordinal);
        var immutable = (await Cli.RunAsync(Kubectl(version), ["apply", "--server-side", "--force-conflicts", "-n", ns, "-f", "-"], reselected)).Failed();
        Assert.Contains("The Deployment \"web\" is invalid: spec.selector: Invalid value:", immutable.Stderr, StringComparison.Ordinal);
        Assert.Contains("field is immutable", immutable.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Check02ProtobufCreatesAreReadBack(string version)
    {
        var ns = $"t1-{version.Replace(".", "", StringComparison.Ordinal)}";
        (await RunAsync(version, "create", "ns", ns)).Succeeded();
        (await RunAsync(version, "create", "configmap", "c", "--from-literal=a=b", "-n", ns)).Succeeded();
        var value = (await RunAsync(version, "get", "configmap", "c", "-n", ns, "-o", "jsonpath={.data.a}")).Succeeded().Stdout;
        Assert.Equal("b", value);
        (await RunAsync(version, "create", "secret", "generic", "s", "--from-literal=k=v", "-n", ns)).Succeeded();
        Assert.Equal("dg==", (await RunAsync(version, "get", "secret", "s", "-n", ns, "-o", "jsonpath={.data.k}")).Succeeded().Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Check04ServerSideApplyConflictsForceAndFieldRemoval(string version)
    {
        var ns = await NamespaceAsync(version, "ssa");
        string Manifest(int replicas, bool withLabel) => $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: {{{ns}}}
            {{{(withLabel ? "  labels:\n    tier: front\n" : "")}}}spec:
              replicas: {{{replicas}}}
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
            """;
        var applied = (await ApplyAsync(version, Manifest(2, withLabel: true), "--server-side")).Succeeded();
        Assert.Contains("deployment.apps/web serverside-applied", applied.Stdout, StringComparison.Ordinal);
        var fields = (await RunAsync(version, "get", "deploy", "web", "-n", ns, "-o", "yaml", "--show-managed-fields")).Succeeded().Stdout;
        Assert.Matches(@"manager: kubectl\s+operation: Apply", fields);

        (await RunAsync(version, "scale", "deploy", "web", "-n", ns, "--replicas=3")).Succeeded();
        var conflict = (await ApplyAsync(version, Manifest(4, withLabel: true), "--server-side")).Failed();
        Assert.True(conflict.Stderr.Contains("conflict with \"kubectl", StringComparison.Ordinal), conflict.Stderr);
        Assert.Contains(".spec.replicas", conflict.Stderr, StringComparison.Ordinal);
        (await ApplyAsync(version, Manifest(4, withLabel: true), "--server-side", "--force-conflicts")).Succeeded();
        Assert.Equal("4", (await RunAsync(version, "get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.replicas}")).Succeeded().Stdout);

        (await ApplyAsync(version, Manifest(4, withLabel: false), "--server-side")).Succeeded();
        Assert.Equal("", (await RunAsync(version, "get", "deploy", "web", "-n", ns, "-o", "jsonpath={.metadata.labels.tier}")).Succeeded().Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Check05DryRunStoresNothingAndDiffReportsChanges(string version)
    {
        var ns = await NamespaceAsync(version, "dry");
        string Manifest(string value) => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: {ns}\ndata:\n  a: \"{value}\"\n";
        (await ApplyAsync(version, Manifest("1"), "--server-side", "--dry-run=server")).Succeeded();
        (await RunAsync(version, "get", "cm", "c", "-n", ns)).Failed();
        (await ApplyAsync(version, Manifest("1"), "--server-side")).Succeeded();
        var same = await Cli.RunAsync(Kubectl(version), ["diff", "--server-side", "-f", "-"], Manifest("1"));
        Assert.True(same.ExitCode == 0, $"diff of an equal object exited {same.ExitCode}: {same.Stdout}{same.Stderr}");
        var changed = await Cli.RunAsync(Kubectl(version), ["diff", "--server-side", "-f", "-"], Manifest("2"));
        Assert.True(changed.ExitCode == 1, $"diff of a changed object exited {changed.ExitCode}: {changed.Stderr}");
        Assert.Contains("+  a: \"2\"", changed.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Check06JsonAndMergePatchesAndTheStatusSubresource(string version)
    {
        var ns = await NamespaceAsync(version, "patch");
        (await ApplyAsync(version, $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: {ns}\ndata:\n  a: \"1\"\n")).Succeeded();
        (await RunAsync(version, "patch", "cm", "c", "-n", ns, "--type=json", "-p", "[{\"op\":\"add\",\"path\":\"/data/b\",\"value\":\"2\"}]")).Succeeded();
        (await RunAsync(version, "patch", "cm", "c", "-n", ns, "--type=merge", "-p", "{\"data\":{\"a\":null}}")).Succeeded();
        Assert.Equal("{\"b\":\"2\"}", (await RunAsync(version, "get", "cm", "c", "-n", ns, "-o", "jsonpath={.data}")).Succeeded().Stdout);

        (await RunAsync(version, "create", "service", "clusterip", "svc", "-n", ns, "--tcp=80:8080")).Succeeded();
        (await RunAsync(version, "patch", "service", "svc", "-n", ns, "--subresource=status", "--type=merge", "-p", "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"192.0.2.7\"}]}}}")).Succeeded();
        Assert.Equal("192.0.2.7", (await RunAsync(version, "get", "service", "svc", "-n", ns, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).Succeeded().Stdout);
        (await RunAsync(version, "patch", "service", "svc", "-n", ns, "--type=merge", "-p", "{\"status\":{\"loadBalancer\":null}}")).Succeeded();
        Assert.Equal("192.0.2.7", (await RunAsync(version, "get", "service", "svc", "-n", ns, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).Succeeded().Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Check10CustomResourcesAreServedWithoutARestart(string version)
    {
        var suffix = version.Replace(".", "", StringComparison.Ordinal);
        var crd = CrdTests.WidgetCrd.Replace("widgets", $"things{suffix}", StringComparison.Ordinal).Replace("Widget", $"Thing{suffix}", StringComparison.Ordinal).Replace("\"wg\"", $"\"th{suffix}\"", StringComparison.Ordinal);
        (await Cli.RunAsync(Kubectl(version), ["apply", "-f", "-"], crd)).Succeeded();
        (await RunAsync(version, "wait", "--for=condition=Established", $"crd/things{suffix}.example.com", "--timeout=10s")).Succeeded();
        var ns = await NamespaceAsync(version, "crs");
        var cr = $"apiVersion: example.com/v1\nkind: Thing{suffix}\nmetadata:\n  name: one\n  namespace: {ns}\nspec:\n  size: 1\n";
        (await ApplyAsync(version, cr)).Succeeded();
        Assert.Contains("one", (await RunAsync(version, "get", $"things{suffix}", "-n", ns)).Succeeded().Stdout, StringComparison.Ordinal);
        (await RunAsync(version, "patch", $"things{suffix}", "one", "-n", ns, "--subresource=status", "--type=merge", "-p", "{\"status\":{\"ready\":true}}")).Succeeded();
        Assert.Equal("true", (await RunAsync(version, "get", $"th{suffix}", "one", "-n", ns, "-o", "jsonpath={.status.ready}")).Succeeded().Stdout);
        (await RunAsync(version, "delete", "crd", $"things{suffix}.example.com")).Succeeded();
        Assert.Null(fixture.Server.Store.Get($"example.com/things{suffix}", ns, "one"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Check03ClientSideApplyCreatesKeepsAndConfigures(string version)
    {
        var ns = await NamespaceAsync(version, "csa");
        string Manifest(string containers) => $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: {{{ns}}}
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
            {{{containers}}}
            """;
        const string one = "      - name: web\n        image: nginx:1.27";
        const string two = one + "\n      - name: sidecar\n        image: busybox:1.36";
        Assert.Contains("deployment.apps/web created", (await ApplyAsync(version, Manifest(one))).Succeeded().Stdout, StringComparison.Ordinal);
        Assert.Contains("deployment.apps/web unchanged", (await ApplyAsync(version, Manifest(one))).Succeeded().Stdout, StringComparison.Ordinal);
        var annotation = (await RunAsync(version, "get", "deploy", "web", "-n", ns, "-o", "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}")).Succeeded().Stdout;
        Assert.Contains("\"nginx:1.27\"", annotation, StringComparison.Ordinal);
        Assert.Contains("deployment.apps/web configured", (await ApplyAsync(version, Manifest(two))).Succeeded().Stdout, StringComparison.Ordinal);
        var images = (await RunAsync(version, "get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[*].image}")).Succeeded().Stdout;
        Assert.Equal("nginx:1.27 busybox:1.36", images);
        var policy = (await RunAsync(version, "get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0].terminationMessagePath}")).Succeeded().Stdout;
        Assert.Equal("/dev/termination-log", policy);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task TablesCarryKubectlsColumns(string version)
    {
        var ns = await NamespaceAsync(version, "table");
        (await Cli.RunAsync(Kubectl(version), ["create", "-n", ns, "-f", "-"], LifecycleDeploymentJson("web"))).Succeeded();
        (await RunAsync(version, "wait", "-n", ns, "--for=condition=Available", "deploy/web", "--timeout=20s")).Succeeded();
        var deployments = (await RunAsync(version, "get", "deploy", "-n", ns)).Succeeded().Stdout;
        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n", deployments);
        Assert.Matches(@"(?m)^web\s+1/1\s+1\s+1\s+\d+s$", deployments);
        Assert.StartsWith("No resources found", (await RunAsync(version, "get", "svc", "-n", ns)).Succeeded().Stderr, StringComparison.Ordinal);
        var namespaces = (await RunAsync(version, "get", "ns", ns)).Succeeded().Stdout;
        Assert.Matches($@"(?m)^{ns}\s+Active\s+\d+s$", namespaces);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Check07WatchStreamsRowsAndWaitFollowsConditionsAndDeletion(string version)
    {
        var ns = await NamespaceAsync(version, "wait");
        var watching = RunAsync(version, "get", "cm", "-n", ns, "-w", "--request-timeout=4s");
        await Task.Delay(1500);
        (await ApplyAsync(version, $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: streamed\n  namespace: {ns}\n")).Succeeded();
        var watched = await watching;
        Assert.Matches(@"(?m)^streamed\s+0\s+\d+s", watched.Stdout);

        (await Cli.RunAsync(Kubectl(version), ["create", "-n", ns, "-f", "-"], LifecycleDeploymentJson("web"))).Succeeded();
        (await RunAsync(version, "wait", "-n", ns, "--for=condition=Available", "deploy/web", "--timeout=20s")).Succeeded();
        var waitingForDelete = RunAsync(version, "wait", "-n", ns, "--for=delete", "cm/streamed", "--timeout=20s");
        await Task.Delay(500);
        (await RunAsync(version, "delete", "cm", "streamed", "-n", ns, "--wait=false")).Succeeded();
        (await waitingForDelete).Succeeded();
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Check09FinalizersNamespaceCascadeAndGarbageCollection(string version)
    {
        var ns = await NamespaceAsync(version, "gc");
        (await ApplyAsync(version, $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  namespace: {ns}\n  finalizers: [example.com/hold]\n")).Succeeded();
        (await RunAsync(version, "delete", "cm", "held", "-n", ns, "--wait=false")).Succeeded();
        Assert.NotEqual("", (await RunAsync(version, "get", "cm", "held", "-n", ns, "-o", "jsonpath={.metadata.deletionTimestamp}")).Succeeded().Stdout);
        (await RunAsync(version, "patch", "cm", "held", "-n", ns, "--type=json", "-p", "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]")).Succeeded();
        (await RunAsync(version, "get", "cm", "held", "-n", ns)).Failed();

        (await Cli.RunAsync(Kubectl(version), ["create", "-n", ns, "-f", "-"], LifecycleDeploymentJson("web"))).Succeeded();
        (await RunAsync(version, "wait", "-n", ns, "--for=condition=Available", "deploy/web", "--timeout=20s")).Succeeded();
        Assert.Contains("web-", (await RunAsync(version, "get", "rs", "-n", ns, "-o", "name")).Succeeded().Stdout, StringComparison.Ordinal);
        (await RunAsync(version, "delete", "deploy", "web", "-n", ns)).Succeeded();
        (await RunAsync(version, "wait", "-n", ns, "--for=delete", "rs", "--all", "--timeout=20s")).Succeeded();

        (await ApplyAsync(version, $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: content\n  namespace: {ns}\n")).Succeeded();
        (await RunAsync(version, "delete", "ns", ns, "--timeout=20s")).Succeeded();
        (await RunAsync(version, "get", "ns", ns)).Failed();
        Assert.Null(fixture.Server.Store.Get("/configmaps", ns, "content"));
    }

    private static string LifecycleDeploymentJson(string name) => System.Text.Json.JsonSerializer.Serialize(new
    {
        apiVersion = "apps/v1",
        kind = "Deployment",
        metadata = new { name },
        spec = new
        {
            selector = new { matchLabels = new { app = name } },
            template = new
            {
                metadata = new { labels = new { app = name } },
                spec = new { containers = new[] { new { name = "c", image = "nginx:1.27" } } },
            },
        },
    });
}
