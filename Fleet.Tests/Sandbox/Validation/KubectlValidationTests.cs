using Fleet.Tests.Sandbox.Conformance;

namespace Fleet.Tests.Sandbox.Validation;

/// <summary>Built-in kinds are decoded and validated as the real server does, seen through kubectl 1.32 and 1.33:
/// wrong types, unknown fields under each fieldValidation and server-side apply, and the 422 validation rules.</summary>
public sealed class KubectlValidationTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    public static TheoryData<string> Versions => KubectlRun.Versions;

    private KubectlRun Kubectl { get; } = new(fixture);

    private CliRun Cli => Kubectl.Cli;

    private Task<CliResult> ApplyAsync(string version, string manifest, params string[] args) => Cli.RunAsync(KubectlRun.Binary(version), ["apply", "-f", "-", .. args], manifest);

    private Task<string> NamespaceAsync(string version, string prefix) => Kubectl.NamespaceAsync(version, prefix);

    private static string Deployment(string ns, string name, string replicas = "1", string container = "\"name\":\"web\",\"image\":\"nginx\"", string templateLabels = "{\"app\":\"web\"}") =>
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"},"
        + "\"spec\":{\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
        + "\"template\":{\"metadata\":{\"labels\":" + templateLabels + "},\"spec\":{\"containers\":[{" + container + "}]}}}}";

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task WrongTypesAreRefusedWithTheDecodeError(string version)
    {
        var ns = await NamespaceAsync(version, "types");
        var replicas = (await ApplyAsync(version, Deployment(ns, "web", replicas: "\"three\""))).Failed();
        Assert.Contains("Error from server (BadRequest)", replicas.Stderr, StringComparison.Ordinal);
        Assert.Contains("Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32", replicas.Stderr, StringComparison.Ordinal);

        var port = (await ApplyAsync(version, Deployment(ns, "web", container: "\"name\":\"web\",\"image\":\"nginx\",\"ports\":[{\"containerPort\":\"80\"}]"))).Failed();
        Assert.Contains("json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32", port.Stderr, StringComparison.Ordinal);

        var data = (await ApplyAsync(version, $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"{{{ns}}}"},"data":{"n":1}}""")).Failed();
        Assert.Contains("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string", data.Stderr, StringComparison.Ordinal);

        var ssa = (await ApplyAsync(version, Deployment(ns, "web", replicas: "\"three\""), "--server-side")).Failed();
        Assert.Contains($"failed to create typed patch object ({ns}/web; apps/v1, Kind=Deployment): .spec.replicas: expected numeric (int or float), got string", ssa.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("No resources found", (await Cli.RunAsync(KubectlRun.Binary(version), ["get", "deploy,cm", "-n", ns])).Succeeded().Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task UnknownFieldsFollowFieldValidation(string version)
    {
        var ns = await NamespaceAsync(version, "unknown");
        var manifest = Deployment(ns, "web", container: "\"name\":\"web\",\"image\":\"nginx\",\"imagePullPolice\":\"Always\"");
        var strict = (await ApplyAsync(version, manifest)).Failed();
        Assert.Contains("strict decoding error: unknown field \"spec.template.spec.containers[0].imagePullPolice\"", strict.Stderr, StringComparison.Ordinal);

        var ssa = (await ApplyAsync(version, manifest, "--server-side")).Failed();
        Assert.Contains($"failed to create typed patch object ({ns}/web; apps/v1, Kind=Deployment): .spec.template.spec.containers[name=\"web\"].imagePullPolice: field not declared in schema", ssa.Stderr, StringComparison.Ordinal);

        var warned = (await ApplyAsync(version, manifest, "--validate=warn")).Succeeded();
        Assert.Contains("Warning: unknown field \"spec.template.spec.containers[0].imagePullPolice\"", warned.Stderr, StringComparison.Ordinal);
        var stored = (await Cli.RunAsync(KubectlRun.Binary(version), ["get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0]}"])).Succeeded().Stdout;
        Assert.DoesNotContain("imagePullPolice", stored, StringComparison.Ordinal);

        var ignored = (await ApplyAsync(version, manifest.Replace("\"web\",\"namespace\"", "\"quiet\",\"namespace\"", StringComparison.Ordinal), "--validate=false")).Succeeded();
        Assert.DoesNotContain("Warning", ignored.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ValidationRulesGiveTheRealInvalidStatus(string version)
    {
        var ns = await NamespaceAsync(version, "rules");
        var noImage = (await ApplyAsync(version, Deployment(ns, "web", container: "\"name\":\"web\""))).Failed();
        Assert.Contains("The Deployment \"web\" is invalid: spec.template.spec.containers[0].image: Required value", noImage.Stderr, StringComparison.Ordinal);

        var mismatch = (await ApplyAsync(version, Deployment(ns, "web", templateLabels: "{\"app\":\"other\"}"))).Failed();
        Assert.Contains("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`", mismatch.Stderr, StringComparison.Ordinal);

        var port = (await ApplyAsync(version, Deployment(ns, "web", container: "\"name\":\"web\",\"image\":\"nginx\",\"ports\":[{\"containerPort\":70000}]"))).Failed();
        Assert.Contains("spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive", port.Stderr, StringComparison.Ordinal);

        var pull = (await ApplyAsync(version, Deployment(ns, "web", container: "\"name\":\"web\",\"image\":\"nginx\",\"imagePullPolicy\":\"Sometimes\""))).Failed();
        Assert.Contains("spec.template.spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"", pull.Stderr, StringComparison.Ordinal);

        var service = (await ApplyAsync(version, $$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"{{{ns}}}"},"spec":{"type":"Public","ports":[{"port":0}]}}""")).Failed();
        Assert.Contains("The Service \"web\" is invalid: \n* spec.type: Unsupported value: \"Public\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"\n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive", service.Stderr, StringComparison.Ordinal);

        (await ApplyAsync(version, Deployment(ns, "web"))).Succeeded();
        var immutable = (await ApplyAsync(version, Deployment(ns, "web").Replace("\"matchLabels\":{\"app\":\"web\"}", "\"matchLabels\":{\"app\":\"web\",\"tier\":\"x\"}", StringComparison.Ordinal).Replace("\"labels\":{\"app\":\"web\"}", "\"labels\":{\"app\":\"web\",\"tier\":\"x\"}", StringComparison.Ordinal))).Failed();
        Assert.Contains("field is immutable", immutable.Stderr, StringComparison.Ordinal);
    }
}
