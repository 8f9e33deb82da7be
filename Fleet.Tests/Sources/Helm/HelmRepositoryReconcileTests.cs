using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;
using Fleet.Tests.Support.Git;
using Fleet.Tests.Support.Helm;

namespace Fleet.Tests.Sources.Helm;

/// <summary>
/// HelmRepositories against real chart repositories on loopback: basic auth and `passCredentials`, a private CA and a
/// client certificate, and every bad input with Flux's reason (a URL that cannot be used, 401, 404, a malformed index, a
/// missing Secret), the last good index staying served, and no password in status, Events or logs.
/// </summary>
public sealed class HelmRepositoryReconcileTests(HelmNodeFixture fixture) : IClassFixture<HelmNodeFixture>, IAsyncLifetime
{
    private const string Password = "s3cret-Charts-Passw0rd";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HelmSourceObjects _objects = new(fixture.Sandbox.Client, "helmrepo-" + Guid.NewGuid().ToString("N")[..8]);

    private string Scratch => Path.Combine(fixture.Temp, _objects.Namespace);

    public Task InitializeAsync() => _objects.CreateNamespaceAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Basic_auth_from_secretRef_reads_the_index_and_pulls_charts_and_a_401_says_to_check_the_Secret()
    {
        await using var server = await ChartRepositoryServer.StartAsync(Path.Combine(Scratch, "auth"), basicAuth: ("fleet", Password));
        await server.PublishAsync(fixture.Helm, TestChart.Write(Path.Combine(Scratch, "src"), "private", "1.0.0"));
        await _objects.CreateSecretAsync("charts-auth", ("username", "fleet"), ("password", Password));
        await _objects.CreateRepositoryAsync("private", server.Url, new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "charts-auth" } });
        await _objects.CreateChartAsync("private", "private", "HelmRepository", "private");
        await _objects.EventuallyAsync(FluxKinds.HelmChart, "private", o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == "1.0.0", Timeout);

        await _objects.CreateRepositoryAsync("anonymous", server.Url);
        var refused = await _objects.EventuallyReadyAsync(FluxKinds.HelmRepository, "anonymous", ConditionStatus.False, Timeout);
        var ready = ObjectConditions.Find(refused, ConditionTypes.Ready)!;
        Assert.Equal(ConditionReasons.Failed, ready.Reason);
        Assert.Equal(
            $"failed to fetch Helm repository index: failed to cache index to temporary file: failed to fetch {server.Url}/index.yaml : 401 Unauthorized; check the credentials in the HelmRepository's secretRef",
            ready.Message);
        Assert.Equal(ConditionStatus.True, ObjectConditions.Find(refused, SourceConditions.FetchFailed)?.Status);
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credentials_go_to_a_chart_host_other_than_the_repository_only_with_passCredentials()
    {
        await using var packages = await ChartRepositoryServer.StartAsync(Path.Combine(Scratch, "packages"), basicAuth: ("fleet", Password));
        await using var index = await ChartRepositoryServer.StartAsync(Path.Combine(Scratch, "index"), basicAuth: ("fleet", Password));
        // The index lists packages served by the other host (another port), as a repository on a CDN does.
        await packages.PublishAsync(fixture.Helm, TestChart.Write(Path.Combine(Scratch, "src"), "elsewhere", "1.0.0"));
        File.Copy(Path.Combine(packages.Root, "index.yaml"), Path.Combine(index.Root, "index.yaml"));
        await _objects.CreateSecretAsync("charts-auth", ("username", "fleet"), ("password", Password));
        var auth = new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "charts-auth" } };
        await _objects.CreateRepositoryAsync("kept", index.Url, auth);
        await _objects.CreateRepositoryAsync("passed", index.Url, new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "charts-auth" }, ["passCredentials"] = true });
        await _objects.CreateChartAsync("kept", "elsewhere", "HelmRepository", "kept");
        await _objects.CreateChartAsync("passed", "elsewhere", "HelmRepository", "passed");

        await _objects.EventuallyAsync(FluxKinds.HelmChart, "passed", o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == "1.0.0", Timeout);
        var kept = await _objects.EventuallyReadyAsync(FluxKinds.HelmChart, "kept", ConditionStatus.False, Timeout);
        var ready = ObjectConditions.Find(kept, ConditionTypes.Ready)!;
        Assert.Equal(SourceConditions.AuthenticationFailedReason, ready.Reason);
        Assert.Contains($"failed to fetch {packages.Url}/elsewhere-1.0.0.tgz : 401 Unauthorized", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_with_the_CA_and_client_certificate_of_certSecretRef_is_Ready_and_without_them_fails()
    {
        using var certificates = TestCertificates.Create();
        var client = ClientCertificate.SignedBy(certificates);
        await using var server = await ChartRepositoryServer.StartAsync(Path.Combine(Scratch, "tls"), certificate: certificates.Server, clientCa: certificates.Ca);
        await server.PublishAsync(fixture.Helm, TestChart.Write(Path.Combine(Scratch, "src"), "secure", "1.0.0"));
        await _objects.CreateSecretAsync("charts-tls", ("ca.crt", certificates.CaPem), ("tls.crt", client.CertificatePem), ("tls.key", client.KeyPem));
        await _objects.CreateRepositoryAsync("secure", server.Url, new JsonObject { ["certSecretRef"] = new JsonObject { ["name"] = "charts-tls" } });
        await _objects.CreateChartAsync("secure", "secure", "HelmRepository", "secure");
        await _objects.EventuallyAsync(FluxKinds.HelmChart, "secure", o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == "1.0.0", Timeout);

        await _objects.CreateSecretAsync("ca-only", ("ca.crt", certificates.CaPem));
        await _objects.CreateRepositoryAsync("no-client-cert", server.Url, new JsonObject { ["certSecretRef"] = new JsonObject { ["name"] = "ca-only" } });
        await _objects.CreateRepositoryAsync("untrusted", server.Url);
        foreach (var name in new[] { "no-client-cert", "untrusted" })
        {
            var failed = await _objects.EventuallyReadyAsync(FluxKinds.HelmRepository, name, ConditionStatus.False, Timeout);
            Assert.StartsWith($"failed to fetch Helm repository index: failed to cache index to temporary file: failed to fetch {server.Url}/index.yaml : ",
                ObjectConditions.Find(failed, ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_malformed_index_is_IndexationFailed_and_the_last_good_index_stays_served()
    {
        await using var server = await ChartRepositoryServer.StartAsync(Path.Combine(Scratch, "breaking"));
        await server.PublishAsync(fixture.Helm, TestChart.Write(Path.Combine(Scratch, "src"), "steady", "1.0.0"));
        await _objects.CreateRepositoryAsync("breaking", server.Url);
        var good = await _objects.EventuallyReadyAsync(FluxKinds.HelmRepository, "breaking", ConditionStatus.True, Timeout);
        var artifact = good["status"]!["artifact"]!;

        server.WriteIndex("entries: [unclosed\n");
        await _objects.RequestReconcileAsync(FluxKinds.HelmRepository, "breaking", "malformed");
        var broken = await _objects.EventuallyAsync(
            FluxKinds.HelmRepository, "breaking", o => o["status"]?["lastHandledReconcileAt"]?.GetValue<string>() == "malformed", Timeout);
        var ready = ObjectConditions.Find(broken, ConditionTypes.Ready)!;
        Assert.Equal((ConditionStatus.False, SourceConditions.IndexationFailedReason), (ready.Status, ready.Reason));
        Assert.StartsWith("failed to load Helm repository from index YAML: failed to load index: invalid YAML", ready.Message, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(artifact, broken["status"]!["artifact"]), broken["status"]!.ToJsonString());
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(artifact["url"]!.GetValue<string>())).StatusCode);

        server.WriteIndex("entries: {}\n");
        await _objects.RequestReconcileAsync(FluxKinds.HelmRepository, "breaking", "no-api-version");
        var unversioned = await _objects.EventuallyAsync(
            FluxKinds.HelmRepository, "breaking", o => o["status"]?["lastHandledReconcileAt"]?.GetValue<string>() == "no-api-version", Timeout);
        Assert.Equal(
            "failed to load Helm repository from index YAML: failed to load index: no API version specified",
            ObjectConditions.Find(unversioned, ConditionTypes.Ready)!.Message);
    }

    [Fact]
    public async Task A_missing_index_a_missing_Secret_and_an_unusable_URL_each_say_what_is_wrong()
    {
        await _objects.CreateRepositoryAsync("not-a-repo", fixture.Charts.Url + "/nothing-here");
        await _objects.CreateRepositoryAsync("no-secret", fixture.Charts.Url, new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "absent" } });
        await _objects.CreateRepositoryAsync("oci-url", "oci://127.0.0.1:1/charts");
        await _objects.CreateRepositoryAsync("no-host", "http://");

        var missing = ObjectConditions.Find(await _objects.EventuallyReadyAsync(FluxKinds.HelmRepository, "not-a-repo", ConditionStatus.False, Timeout), ConditionTypes.Ready)!;
        Assert.Equal(ConditionReasons.Failed, missing.Reason);
        Assert.EndsWith($"failed to fetch {fixture.Charts.Url}/nothing-here/index.yaml : 404 Not Found", missing.Message, StringComparison.Ordinal);
        var noSecret = ObjectConditions.Find(await _objects.EventuallyReadyAsync(FluxKinds.HelmRepository, "no-secret", ConditionStatus.False, Timeout), ConditionTypes.Ready)!;
        Assert.Equal(
            (SourceConditions.AuthenticationFailedReason, $"failed to get authentication secret '{_objects.Namespace}/absent': secrets \"absent\" not found"),
            (noSecret.Reason, noSecret.Message));
        foreach (var (name, message) in new[]
        {
            ("oci-url", "invalid Helm repository URL: 'oci' URL scheme cannot be used with 'default' HelmRepository type"),
            ("no-host", "invalid Helm repository URL: parse \"http://\": expected an http or https URL with a host"),
        })
        {
            var stalled = await _objects.EventuallyAsync(
                FluxKinds.HelmRepository, name, o => ObjectConditions.Find(o, ConditionTypes.Stalled)?.Status == ConditionStatus.True, Timeout);
            var ready = ObjectConditions.Find(stalled, ConditionTypes.Ready)!;
            Assert.Equal((SourceConditions.URLInvalidReason, message), (ready.Reason, ready.Message));
        }
    }

    [Fact]
    public async Task An_OCI_repository_is_a_data_container_and_a_cloud_provider_is_refused()
    {
        await _objects.CreateRepositoryAsync("registry", "oci://127.0.0.1:1/charts", new JsonObject { ["type"] = "oci" });
        await _objects.CreateRepositoryAsync("ecr", "oci://127.0.0.1:1/charts", new JsonObject { ["type"] = "oci", ["provider"] = "aws" });

        var container = await _objects.EventuallyReadyAsync(FluxKinds.HelmRepository, "registry", ConditionStatus.True, Timeout);
        Assert.Null(container["status"]!["artifact"]);
        var refused = await _objects.EventuallyAsync(
            FluxKinds.HelmRepository, "ecr", o => ObjectConditions.Find(o, ConditionTypes.Stalled)?.Status == ConditionStatus.True, Timeout);
        var ready = ObjectConditions.Find(refused, ConditionTypes.Ready)!;
        Assert.Equal(
            (SourceConditions.InvalidProviderConfigurationReason, "spec.provider 'aws' is not supported by this version of Fleet yet"),
            (ready.Reason, ready.Message));
    }
}
