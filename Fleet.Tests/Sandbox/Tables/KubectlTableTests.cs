using System.Text.Json.Nodes;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Tests.Sandbox.Conformance;

namespace Fleet.Tests.Sandbox.Tables;

/// <summary><c>kubectl get</c> with the real kubectl 1.32 and 1.33 prints the real server's columns: Flux's printer
/// columns with their JSONPath filters, and the built-in kinds' own columns.</summary>
public sealed class KubectlTableTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    public static TheoryData<string> Versions => KubectlRun.Versions;

    private KubectlRun Kubectl { get; } = new(fixture);

    private CliRun Cli => Kubectl.Cli;

    private Task<CliResult> RunAsync(string version, params string[] args) => Kubectl.RunAsync(version, args);

    private Task<string> NamespaceAsync(string version, string prefix) => Kubectl.NamespaceAsync(version, prefix);

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task FluxObjectsShowReadyAndStatusFromTheirConditions(string version)
    {
        await CrdInstaller.InstallAsync(fixture.Client, [FluxKinds.Kustomization, FluxKinds.GitRepository, FluxKinds.HelmRelease]);
        var ns = await NamespaceAsync(version, "flux");
        (await Cli.RunAsync(KubectlRun.Binary(version), ["apply", "-n", ns, "-f", "-"], """
            {"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization","metadata":{"name":"apps"},
             "spec":{"interval":"1m","prune":true,"path":"./apps","sourceRef":{"kind":"GitRepository","name":"repo"}}}
            """)).Succeeded();
        (await RunAsync(version, "patch", "ks", "apps", "-n", ns, "--subresource=status", "--type=merge", "-p", """
            {"status":{"lastAppliedRevision":"main@sha1:abc","conditions":[
              {"type":"Reconciling","status":"False","reason":"Succeeded","message":"done","lastTransitionTime":"2024-01-01T00:00:00Z"},
              {"type":"Ready","status":"True","reason":"ReconciliationSucceeded","message":"Applied revision: main@sha1:abc","lastTransitionTime":"2024-01-01T00:00:00Z"}]}}
            """)).Succeeded();

        var table = (await RunAsync(version, "get", "ks,gitrepo,hr", "-A")).Succeeded().Stdout;
        Assert.Matches(@"(?m)^NAMESPACE\s+NAME\s+REVISION\s+AGE\s+READY\s+STATUS$", table);
        Assert.Matches($@"(?m)^{ns}\s+kustomization\.kustomize\.toolkit\.fluxcd\.io/apps\s+main@sha1:abc\s+\d+s\s+True\s+Applied revision: main@sha1:abc$", table);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task EventsShowLastSeenTypeReasonObjectAndMessage(string version)
    {
        var ns = await NamespaceAsync(version, "events");
        var now = DateTimeOffset.UtcNow.AddSeconds(-30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        (await Cli.RunAsync(KubectlRun.Binary(version), ["create", "-n", ns, "-f", "-"], $$$"""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"apps.1"},
             "involvedObject":{"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization","name":"apps","namespace":"{{{ns}}}"},
             "reason":"ReconciliationSucceeded","message":"Reconciliation finished in 12ms","type":"Normal","count":2,
             "firstTimestamp":"{{{now}}}","lastTimestamp":"{{{now}}}","source":{"component":"kustomize-controller"}}
            """)).Succeeded();

        var events = (await RunAsync(version, "get", "events", "-n", ns)).Succeeded().Stdout;
        Assert.Matches(@"^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n", events);
        Assert.Matches(@"(?m)^\d+s\s+Normal\s+ReconciliationSucceeded\s+kustomization/apps\s+Reconciliation finished in 12ms$", events);
        var wide = (await RunAsync(version, "get", "events", "-n", ns, "-o", "wide")).Succeeded().Stdout;
        Assert.Matches(@"^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME\n", wide);
        Assert.Matches(@"(?m)kustomize-controller\s+Reconciliation finished in 12ms\s+\d+s\s+2\s+apps\.1$", wide);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task BuiltInKindsHaveTheRealServersColumns(string version)
    {
        var ns = await NamespaceAsync(version, "cols");
        const string template = """{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}""";
        var manifests = new[]
        {
            $$$"""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{{{template}}}}}""",
            $$$"""{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},"spec":{"replicas":1,"serviceName":"db","selector":{"matchLabels":{"app":"web"}},"template":{{{template}}}}}""",
            $$$"""{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{{{template}}}}}""",
            """{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly"},"spec":{"schedule":"0 3 * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"job","image":"busybox"}]}}}}}}""",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"NodePort","selector":{"app":"web"},"ports":[{"port":80,"nodePort":30080}]}}""",
            """{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"},"spec":{"rules":[{"host":"web.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}""",
            """{"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},"spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"maxReplicas":5,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}]}}""",
        };
        foreach (var manifest in manifests)
        {
            (await Cli.RunAsync(KubectlRun.Binary(version), ["apply", "-n", ns, "-f", "-"], manifest)).Succeeded();
        }

        async Task<string> Get(params string[] args) => (await RunAsync(version, ["get", .. args, "-n", ns])).Succeeded().Stdout;
        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\n", await Get("deploy", "-o", "wide"));
        Assert.Matches(@"(?m)^web\s+\d/1\s+\d\s+\d\s+\d+s\s+web\s+nginx:1\.27\s+app=web$", await Get("deploy", "-o", "wide"));
        Assert.Matches(@"^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\n", await Get("rs"));
        Assert.Matches(@"^NAME\s+READY\s+AGE\n", await Get("sts"));
        Assert.Matches(@"^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\n", await Get("ds"));
        Assert.Matches(@"(?m)^nightly\s+0 3 \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\d+s$", await Get("cronjobs"));
        Assert.Matches(@"^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\n", await Get("cronjobs"));
        Assert.Matches(@"(?m)^web\s+NodePort\s+10\.\S+\s+<none>\s+80:30080/TCP\s+\d+s$", await Get("svc"));
        Assert.Matches(@"(?m)^web\s+<none>\s+web\.example\.com\s+80\s+\d+s$", await Get("ingress"));
        Assert.Matches(@"^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\n", await Get("ingress"));
        Assert.Matches(@"(?m)^web\s+Deployment/web\s+cpu: <unknown>/80%\s+1\s+5\s+0\s+\d+s$", await Get("hpa"));

        (await Cli.RunAsync(KubectlRun.Binary(version), ["apply", "-n", ns, "-f", "-"], """
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"once"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"job","image":"busybox"}]}}}}
            """)).Succeeded();
        Assert.Matches(@"^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\n", await Get("jobs"));
    }

    [Fact]
    public async Task AMissingPrinterColumnValueIsAnEmptyCell()
    {
        await CrdInstaller.InstallAsync(fixture.Client, [FluxKinds.Kustomization]);
        var ns = await NamespaceAsync("1.32", "fresh");
        (await Cli.RunAsync(ToolLocator.Kubectl132, ["apply", "-n", ns, "-f", "-"], """
            {"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization","metadata":{"name":"new"},
             "spec":{"interval":"1m","prune":true,"sourceRef":{"kind":"GitRepository","name":"repo"}}}
            """)).Succeeded();
        var json = (await Cli.RunAsync(ToolLocator.Kubectl132, ["get", "--raw", $"/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/{ns}/kustomizations"])).Succeeded();
        Assert.NotNull(JsonNode.Parse(json.Stdout));
        var table = (await Cli.RunAsync(ToolLocator.Kubectl132, ["get", "ks", "-n", ns])).Succeeded().Stdout;
        Assert.Matches(@"(?m)^new\s+\d+s\s*$", table);
    }
}
