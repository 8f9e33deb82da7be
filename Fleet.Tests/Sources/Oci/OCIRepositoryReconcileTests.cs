using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Oci;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;
using Fleet.Tests.Oci;
using Fleet.Tests.Support;
using k8s;

namespace Fleet.Tests.Sources.Oci;

/// <summary>
/// OCIRepositories reconciled by a node against docker-registries on loopback, from artifacts pushed in Flux's format:
/// tags, semver with a filter, digests, layer selection, logins from dockerconfigjson Secrets, and what a bad spec reports.
/// </summary>
public sealed class OCIRepositoryReconcileTests(RegistryNodeFixture fixture) : IClassFixture<RegistryNodeFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly FluxKind Kind = FluxKinds.OCIRepository;
    private static readonly Dictionary<string, string> Manifests = new() { ["app/config.yaml"] = ConfigMap("from-oci"), [".sourceignore"] = "ignored/\n", ["ignored/x.yaml"] = "x: 1\n" };

    private readonly FluxObjects _objects = new(fixture.Sandbox.Client, "oci-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _repository = "manifests/" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync() => _objects.CreateNamespaceAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string ConfigMap(string name) => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  from: oci\n";

    private string Url(RegistryServer registry) => $"oci://{registry.Host}/{_repository}";

    private Task<string> PushAsync(string tag, IReadOnlyDictionary<string, string>? files = null, OciClient? client = null, RegistryServer? registry = null) =>
        TestArtifacts.PushAsync(client ?? fixture.OpenClient, OciReference.Parse($"{(registry ?? fixture.Open).Host}/{_repository}:{tag}"), files ?? Manifests);

    private static JsonObject Spec(string url, JsonObject? reference = null, JsonObject? more = null)
    {
        var spec = new JsonObject { ["url"] = url, ["interval"] = "1h", ["insecure"] = true };
        if (reference is not null)
        {
            spec["ref"] = reference;
        }
        foreach (var (field, value) in more ?? [])
        {
            spec[field] = value?.DeepClone();
        }
        return spec;
    }

    [Fact]
    public async Task A_tag_becomes_Ready_with_Flux_revision_annotations_and_the_extracted_content_filtered_by_sourceignore()
    {
        var digest = await PushAsync("v1.0.0");
        await _objects.CreateAsync(Kind, "app", Spec(Url(fixture.Open), new JsonObject { ["tag"] = "v1.0.0" }));

        var ready = await _objects.EventuallyReadyAsync(Kind, "app", ConditionStatus.True, Timeout);

        var artifact = FleetJson.Deserialize<Artifact>(ready["status"]!["artifact"]!)!;
        Assert.Equal($"v1.0.0@{digest}", artifact.Revision);
        Assert.Equal($"stored artifact for digest 'v1.0.0@{digest}'", ObjectConditions.Find(ready, ConditionTypes.Ready)!.Message);
        Assert.Equal("https://example.com/org/repo", artifact.Metadata![OciAnnotations.Source]);
        Assert.Equal(artifact.Url, ready["status"]!["url"]!.GetValue<string>());
        var entries = await EntriesAsync(artifact);
        Assert.Contains("app/config.yaml", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("ignored", StringComparison.Ordinal));
        var events = await _objects.EventuallyEventsAsync("app", "Normal", Timeout);
        Assert.Contains(events, e => e.Reason == SourceConditions.NewArtifactReason);
    }

    [Fact]
    public async Task Semver_picks_the_highest_filtered_tag_in_range_and_a_digest_wins_over_it()
    {
        var first = await PushAsync("1.0.0");
        await PushAsync("1.2.0-rc.1");
        var highest = await PushAsync("1.1.0", new Dictionary<string, string> { ["b.yaml"] = ConfigMap("b") });
        await PushAsync("2.0.0", new Dictionary<string, string> { ["c.yaml"] = ConfigMap("c") });
        await PushAsync("1.5.0-alpine", new Dictionary<string, string> { ["d.yaml"] = ConfigMap("d") });
        var semver = new JsonObject { ["semver"] = ">=1.0.0 <2.0.0", ["semverFilter"] = "^\\d+\\.\\d+\\.\\d+$" };
        await _objects.CreateAsync(Kind, "ranged", Spec(Url(fixture.Open), semver));

        var ready = await _objects.EventuallyReadyAsync(Kind, "ranged", ConditionStatus.True, Timeout);
        Assert.Equal($"1.1.0@{highest}", ready["status"]!["artifact"]!["revision"]!.GetValue<string>());

        semver["digest"] = first;
        await _objects.PatchSpecAsync(Kind, "ranged", new JsonObject { ["ref"] = semver.DeepClone() });
        var pinned = await _objects.EventuallyAsync(Kind, "ranged", o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == first, Timeout);
        Assert.Equal(ConditionStatus.True, ObjectConditions.Find(pinned, ConditionTypes.Ready)!.Status);
    }

    [Fact]
    public async Task Copy_stores_the_selected_layer_as_it_is_and_a_missing_media_type_is_a_layer_failure()
    {
        var digest = await PushAsync("latest");
        var layer = (await fixture.OpenClient.GetManifestAsync(_repository, digest, CancellationToken.None)).Manifest.Layers![0];
        var copy = new JsonObject { ["layerSelector"] = new JsonObject { ["mediaType"] = OciMediaTypes.FluxContent, ["operation"] = "copy" } };
        await _objects.CreateAsync(Kind, "copied", Spec(Url(fixture.Open), more: copy));
        var missing = new JsonObject { ["layerSelector"] = new JsonObject { ["mediaType"] = "application/x-not-there" } };
        await _objects.CreateAsync(Kind, "no-layer", Spec(Url(fixture.Open), more: missing));

        var copied = await _objects.EventuallyReadyAsync(Kind, "copied", ConditionStatus.True, Timeout);
        var failed = await _objects.EventuallyReadyAsync(Kind, "no-layer", ConditionStatus.False, Timeout);

        Assert.Equal(layer.Digest, copied["status"]!["artifact"]!["digest"]!.GetValue<string>());
        Assert.Equal(OciMediaTypes.FluxContent, copied["status"]!["observedLayerSelector"]!["mediaType"]!.GetValue<string>());
        var ready = ObjectConditions.Find(failed, ConditionTypes.Ready)!;
        Assert.Equal(SourceConditions.OCILayerOperationFailedReason, ready.Reason);
        Assert.Equal("failed to find layer with media type 'application/x-not-there' in artifact", ready.Message);
        Assert.Equal(ready.Message, ObjectConditions.Find(failed, SourceConditions.FetchFailed)!.Message);
    }

    [Fact]
    public async Task A_private_registry_works_with_a_dockerconfigjson_Secret_and_fails_without_it_naming_no_password()
    {
        await PushAsync("v1", client: fixture.PrivateClient, registry: fixture.Private);
        await _objects.CreateDockerConfigSecretAsync("login", fixture.Private.Host, RegistryNodeFixture.User, RegistryNodeFixture.Password);
        await _objects.CreateDockerConfigSecretAsync("wrong", fixture.Private.Host, RegistryNodeFixture.User, "Not-the-passw0rd");
        JsonObject Tag() => new() { ["tag"] = "v1" };
        await _objects.CreateAsync(Kind, "with-login", Spec(Url(fixture.Private), Tag(), new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "login" } }));
        await _objects.CreateAsync(Kind, "wrong-login", Spec(Url(fixture.Private), Tag(), new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "wrong" } }));
        await _objects.CreateAsync(Kind, "no-secret", Spec(Url(fixture.Private), Tag(), new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "absent" } }));

        await _objects.EventuallyReadyAsync(Kind, "with-login", ConditionStatus.True, Timeout);
        var wrong = await _objects.EventuallyReadyAsync(Kind, "wrong-login", ConditionStatus.False, Timeout);
        var absent = await _objects.EventuallyReadyAsync(Kind, "no-secret", ConditionStatus.False, Timeout);

        var refused = ObjectConditions.Find(wrong, ConditionTypes.Ready)!;
        Assert.Equal(SourceConditions.OCIPullFailedReason, refused.Reason);
        Assert.StartsWith("failed to determine artifact digest: HEAD http://", refused.Message, StringComparison.Ordinal);
        Assert.Contains("UNAUTHORIZED", refused.Message, StringComparison.Ordinal);
        var missing = ObjectConditions.Find(absent, ConditionTypes.Ready)!;
        Assert.Equal(SourceConditions.AuthenticationFailedReason, missing.Reason);
        Assert.Equal($"failed to get credential: failed to get secret '{_objects.Namespace}/absent': secrets \"absent\" not found", missing.Message);
        var events = await _objects.EventuallyEventsAsync("wrong-login", "Warning", Timeout);
        foreach (var text in new[] { wrong.ToJsonString(), fixture.Logs.Text, string.Join('\n', events.Select(e => e.Message)) })
        {
            Assert.DoesNotContain("Not-the-passw0rd", text, StringComparison.Ordinal);
            Assert.DoesNotContain(RegistryNodeFixture.Password, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("tagged", "{0}:v1", "URLInvalid", "URL validation failed for '{0}:v1': URL must not contain a tag; remove ':v1'")]
    [InlineData("cloud", "{0}", "InvalidProviderConfiguration", "spec.provider 'aws' is not supported by this version of Fleet yet")]
    public async Task A_spec_Fleet_cannot_use_is_Stalled_with_Flux_reason(string name, string urlFormat, string reason, string messageFormat)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, urlFormat, Url(fixture.Open));
        var more = name == "cloud" ? new JsonObject { ["provider"] = "aws" } : null;
        await _objects.CreateAsync(Kind, name, Spec(url, more: more));

        var stalled = await _objects.EventuallyAsync(Kind, name, o => ObjectConditions.Find(o, ConditionTypes.Stalled) is not null, Timeout);

        var ready = ObjectConditions.Find(stalled, ConditionTypes.Ready)!;
        Assert.Equal(ConditionStatus.False, ready.Status);
        Assert.Equal(reason, ready.Reason);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, messageFormat, Url(fixture.Open)), ready.Message);
    }

    [Fact]
    public async Task A_Kustomization_applies_what_an_OCIRepository_publishes()
    {
        await PushAsync("v1");
        await _objects.CreateAsync(Kind, "deploy", Spec(Url(fixture.Open), new JsonObject { ["tag"] = "v1" }));
        var kustomization = new JsonObject
        {
            ["interval"] = "1h",
            ["path"] = "./app",
            ["prune"] = true,
            ["sourceRef"] = new JsonObject { ["kind"] = "OCIRepository", ["name"] = "deploy" },
            ["targetNamespace"] = _objects.Namespace,
        };
        await _objects.CreateAsync(FluxKinds.Kustomization, "from-oci", kustomization);

        var applied = await _objects.EventuallyReadyAsync(FluxKinds.Kustomization, "from-oci", ConditionStatus.True, Timeout);

        var source = _objects.Read(Kind, "deploy")["status"]!["artifact"]!["revision"]!.GetValue<string>();
        Assert.Equal(source, applied["status"]!["lastAppliedRevision"]!.GetValue<string>());
        var configMaps = await fixture.Sandbox.Client.CoreV1.ListNamespacedConfigMapAsync(_objects.Namespace);
        Assert.Contains(configMaps.Items, c => c.Metadata.Name == "from-oci");
    }

    private static async Task<List<string>> EntriesAsync(Artifact artifact)
    {
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(artifact.Url);
        Assert.Equal(artifact.Digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
        await using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var names = new List<string>();
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            names.Add(entry.Name);
        }
        return names;
    }
}
