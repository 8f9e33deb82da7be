using System.Text;
using Fleet.Tests.Sandbox.Conformance;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Tests.Sandbox.Validation;

/// <summary>Objects are stored as the real server stores them: a Secret's stringData merged into base64 data and
/// never kept, data that is not base64 refused, and empty values dropped so an unchanged manifest diffs as equal.</summary>
public sealed class StoredFormTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    public static TheoryData<string> Versions => ["1.32", "1.33"];

    private IKubernetes Client => fixture.Client;

    [Fact]
    public async Task SecretStringDataIsMergedIntoDataAndNeverStored()
    {
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "creds" }, StringData = new Dictionary<string, string> { ["password"] = "hunter2", ["user"] = "new" }, Data = new Dictionary<string, byte[]> { ["user"] = "old"u8.ToArray(), ["token"] = "t"u8.ToArray() } },
            "default");
        Assert.Null(created.StringData);
        var stored = await Client.CoreV1.ReadNamespacedSecretAsync("creds", "default");
        Assert.Null(stored.StringData);
        Assert.Equal("hunter2", Encoding.UTF8.GetString(stored.Data["password"]));
        Assert.Equal("new", Encoding.UTF8.GetString(stored.Data["user"]));
        Assert.Equal("t", Encoding.UTF8.GetString(stored.Data["token"]));
    }

    [Fact]
    public async Task SecretDataThatIsNotBase64IsRefused()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(
            $"{fixture.Server.Url}/api/v1/namespaces/default/secrets",
            new StringContent("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"bad"},"data":{"k":"not base64!"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)response.StatusCode);
        var status = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3", status["message"]!.GetValue<string>());
        await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedSecretAsync("bad", "default"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task KubectlDiffOfAnUnchangedObjectWithEmptyValuesExitsZero(string version)
    {
        var kubectl = version == "1.32" ? ToolLocator.Kubectl132 : ToolLocator.Kubectl133;
        var cli = new CliRun(fixture.Kubeconfig, fixture.Directory);
        var name = "empty-" + version.Replace(".", "", StringComparison.Ordinal);
        var manifest = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: default\n  labels: {{}}\n  annotations: {{}}\ndata:\n  a: b\n";
        (await cli.RunAsync(kubectl, ["apply", "--server-side", "-f", "-"], manifest)).Succeeded();
        var stored = await Client.CoreV1.ReadNamespacedConfigMapAsync(name, "default");
        Assert.Null(stored.Metadata.Labels);
        Assert.Null(stored.Metadata.Annotations);

        var same = await cli.RunAsync(kubectl, ["diff", "--server-side", "-f", "-"], manifest);
        Assert.True(same.ExitCode == 0, $"diff exit {same.ExitCode}: {same.Stdout}{same.Stderr}");
        var changed = await cli.RunAsync(kubectl, ["diff", "--server-side", "-f", "-"], manifest.Replace("a: b", "a: c", StringComparison.Ordinal));
        Assert.Equal(1, changed.ExitCode);
    }
}
