using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;
using Fleet.Tests.Support.Helm;

namespace Fleet.Tests.Sources.Helm;

/// <summary>
/// HelmCharts from OCI HelmRepositories on Debian's docker-registry, charts pushed with `helm push`: a range resolved from
/// the registry's tags, basic auth from `secretRef` (username/password or `.dockerconfigjson`), TLS with the CA from
/// `certSecretRef`; wrong credentials fail with AuthenticationFailed and appear nowhere.
/// </summary>
public sealed class HelmChartOciTests(HelmNodeFixture fixture) : IClassFixture<HelmNodeFixture>, IAsyncLifetime
{
    private const string Password = "s3cret-Registry-Passw0rd";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HelmSourceObjects _objects = new(fixture.Sandbox.Client, "oci-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => _objects.CreateNamespaceAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_range_picks_the_newest_tag_and_basic_auth_pulls_the_pushed_package()
    {
        await using var registry = await ChartRegistryServer.StartAsync(login: ("fleet", Password));
        var pushed = await PushAsync(registry, "web", "1.2.0", "1.3.0", "2.0.0");
        await _objects.CreateSecretAsync("registry-auth", ("username", "fleet"), ("password", Password));
        await _objects.CreateRepositoryAsync("registry", registry.UrlOf("charts"), new JsonObject
        {
            ["type"] = "oci",
            ["insecure"] = true,
            ["secretRef"] = new JsonObject { ["name"] = "registry-auth" },
        });
        await _objects.CreateChartAsync("web", "web", "HelmRepository", "registry", new JsonObject { ["version"] = ">=1.0.0 <2.0.0" });

        var ready = await _objects.EventuallyReadyAsync(FluxKinds.HelmChart, "web", ConditionStatus.True, Timeout);
        Assert.Equal("1.3.0", ready["status"]!["artifact"]!["revision"]!.GetValue<string>());
        Assert.Equal("pulled 'web' chart with version '1.3.0'", ObjectConditions.Find(ready, ConditionTypes.Ready)!.Message);
        using var http = new HttpClient();
        Assert.Equal(await File.ReadAllBytesAsync(pushed["1.3.0"]), await http.GetByteArrayAsync(ready["status"]!["artifact"]!["url"]!.GetValue<string>()));
        var repository = await _objects.EventuallyReadyAsync(FluxKinds.HelmRepository, "registry", ConditionStatus.True, Timeout);
        Assert.Null(repository["status"]!["artifact"]);
    }

    [Fact]
    public async Task A_wrong_password_is_AuthenticationFailed_and_appears_nowhere()
    {
        const string wrong = "wr0ng-Registry-Passw0rd-7a1c";
        await using var registry = await ChartRegistryServer.StartAsync(login: ("fleet", Password));
        await PushAsync(registry, "web", "1.0.0");
        await _objects.CreateSecretAsync("wrong-auth", ("username", "fleet"), ("password", wrong));
        await _objects.CreateRepositoryAsync("registry", registry.UrlOf("charts"), new JsonObject
        {
            ["type"] = "oci",
            ["insecure"] = true,
            ["secretRef"] = new JsonObject { ["name"] = "wrong-auth" },
        });
        await _objects.CreateChartAsync("web", "web", "HelmRepository", "registry", new JsonObject { ["version"] = "1.0.0" });

        var failed = await _objects.EventuallyReadyAsync(FluxKinds.HelmChart, "web", ConditionStatus.False, Timeout);
        var ready = ObjectConditions.Find(failed, ConditionTypes.Ready)!;
        Assert.Equal(SourceConditions.AuthenticationFailedReason, ready.Reason);
        Assert.Contains("failed to authenticate with the Helm repository", ready.Message, StringComparison.Ordinal);
        Assert.Contains("401", ready.Message, StringComparison.Ordinal);
        var events = await _objects.EventuallyEventsAsync("web", SourceConditions.AuthenticationFailedReason, Timeout);
        Assert.DoesNotContain(wrong, failed.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Message.Contains(wrong, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(wrong, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tls_with_the_CA_of_certSecretRef_and_a_dockerconfigjson_login_pulls_an_exact_version()
    {
        await using var registry = await ChartRegistryServer.StartAsync(tls: true, login: ("fleet", Password));
        await PushAsync(registry, "api", "0.4.0", "0.5.0");
        await _objects.CreateSecretAsync("registry-ca", ("ca.crt", registry.Certificates!.CaPem));
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"fleet:{Password}"));
        await _objects.CreateSecretAsync("registry-login", (".dockerconfigjson", $"{{\"auths\":{{\"{registry.Host}\":{{\"auth\":\"{auth}\"}}}}}}"));
        await _objects.CreateRepositoryAsync("secure", registry.UrlOf("charts"), new JsonObject
        {
            ["type"] = "oci",
            ["secretRef"] = new JsonObject { ["name"] = "registry-login" },
            ["certSecretRef"] = new JsonObject { ["name"] = "registry-ca" },
        });
        await _objects.CreateChartAsync("api", "api", "HelmRepository", "secure", new JsonObject { ["version"] = "0.4.0" });

        var ready = await _objects.EventuallyReadyAsync(FluxKinds.HelmChart, "api", ConditionStatus.True, Timeout);
        Assert.Equal("0.4.0", ready["status"]!["artifact"]!["revision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_the_CA_the_registry_s_certificate_is_refused()
    {
        await using var registry = await ChartRegistryServer.StartAsync(tls: true);
        await PushAsync(registry, "api", "0.4.0");
        await _objects.CreateRepositoryAsync("untrusted", registry.UrlOf("charts"), new JsonObject { ["type"] = "oci" });
        await _objects.CreateChartAsync("api", "api", "HelmRepository", "untrusted", new JsonObject { ["version"] = "0.4.0" });

        var failed = await _objects.EventuallyReadyAsync(FluxKinds.HelmChart, "api", ConditionStatus.False, Timeout);
        var ready = ObjectConditions.Find(failed, ConditionTypes.Ready)!;
        Assert.Equal("ChartPullError", ready.Reason);
        Assert.Contains("SSL", ready.Message, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<Dictionary<string, string>> PushAsync(ChartRegistryServer registry, string name, params string[] versions)
    {
        var packages = new Dictionary<string, string>();
        foreach (var version in versions)
        {
            var source = Path.Combine(fixture.Temp, "oci-src", _objects.Namespace, version);
            var package = await TestChart.Write(source, name, version).PackageAsync(fixture.Helm, Path.Combine(fixture.Temp, "oci-pkg", _objects.Namespace));
            await registry.PushAsync(fixture.Helm, package, "charts");
            packages[version] = package;
        }
        return packages;
    }
}
