using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;
using Fleet.Tests.Support.Git;

namespace Fleet.Tests.Sources;

/// <summary>
/// A node writes source-controller's GitRepository conditions besides Ready (ArtifactInStorage, FetchFailed,
/// ArtifactOutdated, IncludeUnavailable, StorageOperationFailed) as each step of a run sets and clears them, and refuses
/// the spec fields it does not honour instead of ignoring them.
/// </summary>
public sealed class GitRepositoryConditionTests(GitAuthNodeFixture fixture) : IClassFixture<GitAuthNodeFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly GitRepositoryObjects _objects = new(fixture.Sandbox.Client, "gitcond-" + Guid.NewGuid().ToString("N")[..8]);

    private string Url => fixture.Bearer.UrlOf(fixture.Repo);

    public async Task InitializeAsync()
    {
        await _objects.CreateNamespaceAsync();
        await _objects.CreateSecretAsync("token", ("bearerToken", GitAuthNodeFixture.Token));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_stored_artifact_stays_ArtifactInStorage_while_a_fetch_fails_and_FetchFailed_goes_once_one_succeeds()
    {
        await _objects.CreateSecretAsync("wrong-token", ("bearerToken", "not-the-token"));
        await _objects.CreateAsync("app", Url, "token", fields: new JsonObject { ["provider"] = "generic" });

        var ready = await _objects.EventuallyReadyAsync("app", ConditionStatus.True, Timeout);
        var stored = $"stored artifact for revision '{ready["status"]!["artifact"]!["revision"]!.GetValue<string>()}'";
        AssertCondition(ready, SourceConditions.ArtifactInStorage, ConditionReasons.Succeeded, stored);
        Assert.Equal([ConditionTypes.Ready, SourceConditions.ArtifactInStorage], Types(ready));

        await _objects.PatchSpecAsync("app", new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "wrong-token" } });
        var failed = await _objects.EventuallyReadyAsync("app", ConditionStatus.False, Timeout);
        var readyCondition = Find(failed, ConditionTypes.Ready)!;
        Assert.Equal(SourceConditions.AuthenticationFailedReason, readyCondition.Reason);
        AssertCondition(failed, SourceConditions.FetchFailed, SourceConditions.AuthenticationFailedReason, readyCondition.Message);
        AssertCondition(failed, SourceConditions.ArtifactInStorage, ConditionReasons.Succeeded, stored);

        await _objects.PatchSpecAsync("app", new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "token" } });
        var recovered = await _objects.EventuallyReadyAsync("app", ConditionStatus.True, Timeout);
        Assert.Equal([ConditionTypes.Ready, SourceConditions.ArtifactInStorage], Types(recovered));
    }

    [Fact]
    public async Task A_missing_include_is_IncludeUnavailable_and_a_new_revision_that_cannot_be_stored_is_ArtifactOutdated()
    {
        var include = new JsonObject { ["repository"] = new JsonObject { ["name"] = "base" }, ["fromPath"] = "deploy", ["toPath"] = "vendor/base" };
        await _objects.CreateAsync("bundle", Url, "token", fields: new JsonObject { ["include"] = new JsonArray(include.DeepClone()) });
        var waiting = await _objects.EventuallyReadyAsync("bundle", ConditionStatus.False, Timeout);
        const string notFound = "could not get resource for include 'base': gitrepositories.source.toolkit.fluxcd.io \"base\" not found";
        AssertCondition(waiting, SourceConditions.IncludeUnavailable, "NotFound", notFound);
        Assert.Equal("NotFound", Find(waiting, ConditionTypes.Ready)!.Reason);

        await _objects.CreateAsync("base", Url, "token");
        var first = await _objects.EventuallyReadyAsync("bundle", ConditionStatus.True, Timeout);
        var firstRevision = first["status"]!["artifact"]!["revision"]!.GetValue<string>();
        Assert.Null(Find(first, SourceConditions.IncludeUnavailable));

        var pushed = $"main@sha1:{fixture.Repo.Write($"deploy/{Guid.NewGuid():N}.yaml", "kind: ConfigMap\n").Commit("another")}";
        include["fromPath"] = "missing";
        await _objects.PatchSpecAsync("bundle", new JsonObject { ["include"] = new JsonArray(include.DeepClone()) });
        var outdated = await _objects.EventuallyReadyAsync("bundle", ConditionStatus.False, Timeout);
        AssertCondition(outdated, SourceConditions.ArtifactOutdated, SourceConditions.NewRevisionReason, $"new upstream revision '{pushed}'");
        var copy = Find(outdated, SourceConditions.StorageOperationFailed)!;
        Assert.Equal("CopyFailure", copy.Reason);
        Assert.StartsWith("failed to copy 'base' include from missing to vendor/base: ", copy.Message, StringComparison.Ordinal);
        Assert.Equal(copy.Message, Find(outdated, ConditionTypes.Ready)!.Message);
        AssertCondition(outdated, SourceConditions.ArtifactInStorage, ConditionReasons.Succeeded, $"stored artifact for revision '{firstRevision}'");
        Assert.Equal(firstRevision, outdated["status"]!["artifact"]!["revision"]!.GetValue<string>());

        include["fromPath"] = "deploy";
        await _objects.PatchSpecAsync("bundle", new JsonObject { ["include"] = new JsonArray(include.DeepClone()) });
        var current = await _objects.EventuallyReadyAsync("bundle", ConditionStatus.True, Timeout);
        Assert.Equal(pushed, current["status"]!["artifact"]!["revision"]!.GetValue<string>());
        Assert.Equal([ConditionTypes.Ready, SourceConditions.ArtifactInStorage], Types(current));
    }

    [Theory]
    [InlineData("verify", """{"mode":"HEAD","secretRef":{"name":"keys"}}""", "spec.verify", SourceConditions.VerificationErrorReason, null)]
    [InlineData("proxySecretRef", """{"name":"proxy"}""", "spec.proxySecretRef", SourceConditions.AuthenticationFailedReason, SourceConditions.FetchFailed)]
    [InlineData("provider", "\"github\"", "spec.provider 'github'", SourceConditions.InvalidProviderConfigurationReason, SourceConditions.FetchFailed)]
    [InlineData("provider", "\"azure\"", "spec.provider 'azure'", SourceConditions.InvalidProviderConfigurationReason, SourceConditions.FetchFailed)]
    [InlineData("serviceAccountName", "\"puller\"", "spec.serviceAccountName", SourceConditions.InvalidProviderConfigurationReason, SourceConditions.FetchFailed)]
    public async Task A_field_Fleet_does_not_honour_stalls_the_object_without_an_artifact(
        string field, string value, string setting, string reason, string? condition)
    {
        var name = "refused-" + Guid.NewGuid().ToString("N")[..6];
        await _objects.CreateAsync(name, Url, "token", fields: new JsonObject { [field] = JsonNode.Parse(value) });

        var stalled = await _objects.EventuallyAsync(name, o => Find(o, ConditionTypes.Stalled) is not null, Timeout);
        var message = $"{setting} is not supported by this version of Fleet yet";
        AssertCondition(stalled, ConditionTypes.Stalled, reason, message);
        Assert.Equal(ConditionStatus.False, Find(stalled, ConditionTypes.Ready)!.Status);
        Assert.Equal(message, Find(stalled, ConditionTypes.Ready)!.Message);
        Assert.Equal(1, stalled["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Null(stalled["status"]!["artifact"]);
        var kindConditions = Types(stalled).Except([ConditionTypes.Ready, ConditionTypes.Stalled]);
        Assert.Equal(condition is null ? [] : [condition], kindConditions);
        if (condition is not null)
        {
            AssertCondition(stalled, condition, reason, message);
        }
    }

    [Fact]
    public async Task A_url_that_does_not_parse_is_FetchFailed_URLInvalid_and_stalls()
    {
        await _objects.CreateAsync("no-host", "http://", secret: null);

        var stalled = await _objects.EventuallyAsync("no-host", o => Find(o, ConditionTypes.Stalled) is not null, Timeout);
        var message = Find(stalled, ConditionTypes.Ready)!.Message;
        AssertCondition(stalled, ConditionTypes.Stalled, SourceConditions.URLInvalidReason, message);
        AssertCondition(stalled, SourceConditions.FetchFailed, SourceConditions.URLInvalidReason, message);
    }

    [Fact]
    public async Task A_refused_generation_keeps_the_stored_artifact_of_the_last_one()
    {
        await _objects.CreateAsync("kept", Url, "token");
        var ready = await _objects.EventuallyReadyAsync("kept", ConditionStatus.True, Timeout);

        await _objects.PatchSpecAsync("kept", new JsonObject { ["verify"] = new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "keys" } } });
        var stalled = await _objects.EventuallyAsync("kept", o => Find(o, ConditionTypes.Stalled) is not null, Timeout);
        Assert.Equal(SourceConditions.VerificationErrorReason, Find(stalled, ConditionTypes.Ready)!.Reason);
        Assert.True(JsonNode.DeepEquals(ready["status"]!["artifact"], stalled["status"]!["artifact"]), stalled["status"]!.ToJsonString());
        Assert.Equal(ConditionStatus.True, Find(stalled, SourceConditions.ArtifactInStorage)!.Status);

        await _objects.PatchSpecAsync("kept", new JsonObject { ["verify"] = null });
        await _objects.EventuallyAsync(
            "kept", o => Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.True && o["status"]?["observedGeneration"]?.GetValue<long>() == 3, Timeout);
    }

    [Theory]
    [InlineData("tls.crt", SourceConditions.AuthenticationFailedReason, "a TLS client certificate ('tls.crt', 'tls.key' in Secret '{0}') is not supported")]
    [InlineData("githubAppID", SourceConditions.InvalidProviderConfigurationReason, "secretRef '{0}' has github app data but provider is not set to github")]
    public async Task A_secret_key_Fleet_does_not_honour_fails_the_fetch_and_retries(string key, string reason, string expected)
    {
        var name = "secret-" + Guid.NewGuid().ToString("N")[..6];
        await _objects.CreateSecretAsync(name, ("bearerToken", GitAuthNodeFixture.Token), (key, "x"));
        await _objects.CreateAsync(name, Url, name);

        var failed = await _objects.EventuallyReadyAsync(name, ConditionStatus.False, Timeout);
        var fetchFailed = Find(failed, SourceConditions.FetchFailed)!;
        Assert.Equal(reason, fetchFailed.Reason);
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, name), fetchFailed.Message, StringComparison.Ordinal);
        Assert.Null(Find(failed, ConditionTypes.Stalled));
        Assert.Equal(ConditionStatus.True, Find(failed, ConditionTypes.Reconciling)!.Status);
    }

    private static List<string> Types(JsonObject obj) => [.. ObjectConditions.Of(obj).Select(c => c.Type)];

    private static Condition? Find(JsonObject obj, string type) => ObjectConditions.Find(obj, type);

    private static void AssertCondition(JsonObject obj, string type, string reason, string message)
    {
        var condition = Find(obj, type);
        Assert.True(condition is not null, $"no {type} condition in {obj["status"]?.ToJsonString()}");
        Assert.Equal((ConditionStatus.True, reason, message), (condition.Status, condition.Reason, condition.Message));
    }
}
