using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Helm;
using Fleet.Messages.Api.Meta;
using Fleet.Tests.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Helm;

/// <summary>`valuesFrom` and `values` composed in helm-controller's order from real ConfigMaps and Secrets.</summary>
public sealed class ReleaseValuesTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    private async Task<string> NamespaceWithSourcesAsync()
    {
        var ns = "values-" + Guid.NewGuid().ToString("N")[..6];
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "defaults" }, Data = new Dictionary<string, string> { ["values.yaml"] = "replicas: 1\nimage:\n  tag: \"1.0\"\n  pull: Always\n", ["tag"] = "2.0" } },
            ns);
        await fixture.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "creds" }, Data = new Dictionary<string, byte[]> { ["db.yaml"] = Encoding.UTF8.GetBytes("db:\n  password: s3cret\nreplicas: 2\n") } },
            ns);
        return ns;
    }

    [Fact]
    public async Task ReferencesMergeInOrderThenTargetPathsSetOneValueThenInlineValuesWin()
    {
        var ns = await NamespaceWithSourcesAsync();
        ValuesReference[] references =
        [
            new() { Kind = "ConfigMap", Name = "defaults" },
            new() { Kind = "Secret", Name = "creds", ValuesKey = "db.yaml" },
            new() { Kind = "ConfigMap", Name = "defaults", ValuesKey = "tag", TargetPath = "image.tag" },
            new() { Kind = "ConfigMap", Name = "missing", Optional = true },
        ];
        var values = await ReleaseValues.ComposeAsync(fixture.Client, ns, references, new JsonObject { ["image"] = new JsonObject { ["pull"] = "IfNotPresent" } }, CancellationToken.None);

        Assert.Equal("""{"replicas":2,"image":{"tag":"2.0","pull":"IfNotPresent"},"db":{"password":"s3cret"}}""", values.ToJsonString());
        Assert.Equal(ReleaseValues.Digest(JsonNode.Parse("""{"db":{"password":"s3cret"},"image":{"pull":"IfNotPresent","tag":"2.0"},"replicas":2}""")!.AsObject()), ReleaseValues.Digest(values));
    }

    [Fact]
    public async Task AMissingReferenceThatIsNotOptionalIsNamedWithItsKey()
    {
        var ns = await NamespaceWithSourcesAsync();
        var missing = await Assert.ThrowsAsync<ValuesReferenceException>(() =>
            ReleaseValues.ComposeAsync(fixture.Client, ns, [new ValuesReference { Kind = "Secret", Name = "db-creds" }], null, CancellationToken.None));
        Assert.Equal($"could not resolve Secret chart values reference '{ns}/db-creds' with key 'values.yaml': secrets \"db-creds\" not found", missing.Message);

        var noKey = await Assert.ThrowsAsync<ValuesReferenceException>(() =>
            ReleaseValues.ComposeAsync(fixture.Client, ns, [new ValuesReference { Kind = "ConfigMap", Name = "defaults", ValuesKey = "other.yaml" }], null, CancellationToken.None));
        Assert.EndsWith("with key 'other.yaml': key not found", noKey.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", noKey.Message, StringComparison.Ordinal);
    }
}
