using System.Text;
using Fleet.Actors.Kustomize;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;
using Fleet.Tests.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Kustomize;

/// <summary>substituteFrom read from the sandbox API server: order, inline precedence, optional references.</summary>
public sealed class SubstitutionVariablesTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    private readonly SubstitutionVariables _reader = new(fixture.Client);

    private async Task<string> NamespaceAsync()
    {
        var name = "vars-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private static KustomizationSubstituteReference From(string kind, string name, bool optional = false) =>
        new() { Kind = kind, Name = name, Optional = optional };

    [Fact]
    public async Task ConfigMaps_and_Secrets_apply_in_order_and_inline_values_win()
    {
        var ns = await NamespaceAsync();
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "cluster" },
            Data = new Dictionary<string, string> { ["region"] = "eu-1", ["env"] = "dev", ["size"] = "small", ["multi"] = "a\nb\n" },
        }, ns);
        await fixture.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "secrets" },
            Data = new Dictionary<string, byte[]> { ["env"] = Encoding.UTF8.GetBytes("prod"), ["token"] = Encoding.UTF8.GetBytes("s3cr3t") },
        }, ns);
        var postBuild = new KustomizationPostBuild
        {
            SubstituteFrom = [From("ConfigMap", "cluster"), From("Secret", "secrets"), From("ConfigMap", "absent", optional: true)],
            Substitute = new Dictionary<string, string> { ["size"] = "large" },
        };

        var variables = await _reader.ReadAsync(ns, postBuild, CancellationToken.None);

        Assert.Equal(new Dictionary<string, string>
        {
            ["region"] = "eu-1",
            ["env"] = "prod",
            ["size"] = "large",
            ["multi"] = "ab",
            ["token"] = "s3cr3t",
        }, variables);
    }

    [Theory]
    [InlineData("ConfigMap", "substitute from 'ConfigMap/missing' error: configmaps \"missing\" not found")]
    [InlineData("Secret", "substitute from 'Secret/missing' error: secrets \"missing\" not found")]
    public async Task A_missing_reference_that_is_not_optional_fails_naming_it(string kind, string message)
    {
        var ns = await NamespaceAsync();
        var postBuild = new KustomizationPostBuild { SubstituteFrom = [From(kind, "missing")] };

        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() => _reader.ReadAsync(ns, postBuild, CancellationToken.None));

        Assert.Equal(ConditionReasons.BuildFailed, error.Reason);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task No_postBuild_means_no_variables() =>
        Assert.Empty(await _reader.ReadAsync("default", null, CancellationToken.None));
}
