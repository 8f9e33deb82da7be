using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace Fleet.Tests.Sandbox.Conformance;

/// <summary>Check 12 of the kubernetes-api reference §5.2: helm 3.18 with no extra flags.</summary>
public sealed class HelmConformanceTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    private CliRun Cli => new(fixture.Kubeconfig, fixture.Directory);

    private Task<CliResult> HelmAsync(params string[] args) => Cli.RunAsync(ToolLocator.Helm, args, timeoutSeconds: 90);

    private string WriteChart(string name, bool withCrd)
    {
        var dir = Path.Combine(fixture.Directory, "charts", name);
        Directory.CreateDirectory(Path.Combine(dir, "templates"));
        File.WriteAllText(Path.Combine(dir, "Chart.yaml"), $"apiVersion: v2\nname: {name}\nversion: 0.1.0\n");
        File.WriteAllText(Path.Combine(dir, "values.yaml"), "replicas: 1\ngreeting: hello\n");
        File.WriteAllText(Path.Combine(dir, "templates", "configmap.yaml"), """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-config
            data:
              greeting: {{ .Values.greeting | quote }}
            """);
        File.WriteAllText(Path.Combine(dir, "templates", "deployment.yaml"), """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-web
            spec:
              replicas: {{ .Values.replicas }}
              selector:
                matchLabels: {app: {{ .Release.Name }}-web}
              template:
                metadata:
                  labels: {app: {{ .Release.Name }}-web}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    ports:
                    - containerPort: 80
            """);
        if (withCrd)
        {
            Directory.CreateDirectory(Path.Combine(dir, "crds"));
            File.WriteAllText(Path.Combine(dir, "crds", "widgets.yaml"), CrdTests.WidgetCrd.Replace("widgets", "helmwidgets", StringComparison.Ordinal).Replace("Widget", "HelmWidget", StringComparison.Ordinal).Replace("\"wg\"", "\"hwg\"", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(dir, "templates", "widget.yaml"), """
                apiVersion: example.com/v1
                kind: HelmWidget
                metadata:
                  name: {{ .Release.Name }}-widget
                spec:
                  size: 3
                """);
            File.WriteAllText(Path.Combine(dir, "templates", "hook.yaml"), """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: {{ .Release.Name }}-hook
                  annotations:
                    helm.sh/hook: post-install
                    helm.sh/hook-delete-policy: hook-succeeded
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: hook
                        image: busybox:1.36
                """);
        }

        return dir;
    }

    [Fact]
    public async Task InstallUpgradeRollbackAndUninstallWithNoFlags()
    {
        var chart = WriteChart("app", withCrd: false);
        (await HelmAsync("install", "r", chart, "-n", "default")).Succeeded();
        Assert.Contains("deployed", (await HelmAsync("list", "-n", "default")).Succeeded().Stdout, StringComparison.Ordinal);
        Assert.Contains("STATUS: deployed", (await HelmAsync("status", "r", "-n", "default")).Succeeded().Stdout, StringComparison.Ordinal);
        Assert.Contains("name: r-config", (await HelmAsync("get", "manifest", "r", "-n", "default")).Succeeded().Stdout, StringComparison.Ordinal);

        (await HelmAsync("upgrade", "r", chart, "-n", "default", "--set", "greeting=bye")).Succeeded();
        var config = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("r-config", "default");
        Assert.Equal("bye", config.Data["greeting"]);
        var history = (await HelmAsync("history", "r", "-n", "default")).Succeeded().Stdout;
        Assert.Equal(3, history.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        (await HelmAsync("rollback", "r", "1", "-n", "default")).Succeeded();
        Assert.Equal("hello", (await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("r-config", "default")).Data["greeting"]);
        Assert.Contains("Rollback to 1", (await HelmAsync("history", "r", "-n", "default")).Succeeded().Stdout, StringComparison.Ordinal);

        var secrets = await fixture.Client.CoreV1.ListNamespacedSecretAsync("default", labelSelector: "owner=helm,name=r");
        Assert.Equal(3, secrets.Items.Count);
        var latest = secrets.Items.Single(s => s.Metadata.Labels["status"] == "deployed");
        Assert.Equal("helm.sh/release.v1", latest.Type);
        var release = JsonNode.Parse(Gunzip(Convert.FromBase64String(Encoding.ASCII.GetString(latest.Data["release"]))))!;
        Assert.Equal("r", release["name"]!.GetValue<string>());
        Assert.Equal(3, release["version"]!.GetValue<int>());

        (await HelmAsync("upgrade", "--install", "r", chart, "-n", "default", "--wait", "--timeout", "60s", "--set", "replicas=2")).Succeeded();

        (await HelmAsync("uninstall", "r", "-n", "default")).Succeeded();
        Assert.Empty((await fixture.Client.CoreV1.ListNamespacedSecretAsync("default", labelSelector: "owner=helm,name=r")).Items);
        Assert.DoesNotContain((await fixture.Client.CoreV1.ListNamespacedConfigMapAsync("default")).Items, c => c.Metadata.Name == "r-config");
    }

    [Fact]
    public async Task ChartWithCrdsACustomResourceAndAHookJob()
    {
        var chart = WriteChart("crdapp", withCrd: true);
        (await HelmAsync("install", "c", chart, "-n", "default", "--wait", "--timeout", "60s")).Succeeded();
        var widget = await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync("example.com", "v1", "default", "helmwidgets", "c-widget");
        Assert.NotNull(widget);
        Assert.Null(fixture.Server.Store.Get("batch/jobs", "default", "c-hook"));
        (await HelmAsync("uninstall", "c", "-n", "default")).Succeeded();
    }

    private static string Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new StreamReader(input);
        return reader.ReadToEnd();
    }
}
