using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Receivers.Verification;

/// <summary>
/// Authenticates a webhook call for a Receiver's type as notification-controller's receiver handler does, and applies the
/// type's <c>spec.events</c> filter. Every refusal is answered 400 by the server and triggers nothing.
/// </summary>
public static class ReceiverVerifier
{
    public const string GitHubEventHeader = "X-GitHub-Event";
    public const string GitLabTokenHeader = "X-Gitlab-Token";
    public const string GitLabEventHeader = "X-Gitlab-Event";
    public const string BitbucketEventHeader = "X-Event-Key";
    public const string GenericSignatureHeader = "X-Signature";
    public const string NexusSignatureHeader = "X-Nexus-Webhook-Signature";
    public const string CDEventTypeHeader = "Ce-Type";

    /// <summary>GitHub's check that a new hook works; it carries no change, so it is answered without a reconcile.</summary>
    public const string GitHubPing = "ping";

    /// <summary>Why Fleet refuses gcr Receivers, whose calls it could not verify.</summary>
    public const string GcrRefusal =
        "gcr Receivers verify Google-signed OIDC ID tokens against Google's published signing keys, which Fleet does not fetch; use a generic-hmac Receiver instead";

    public static WebhookVerdict Verify(string type, IReadOnlyList<string>? events, ReceiverSecret secret, WebhookCall call) => type switch
    {
        ReceiverTypes.Generic => WebhookVerdict.Accept("handling generic event"),
        ReceiverTypes.GenericHmac => HmacSignature.Check(call.Header(GenericSignatureHeader), call.Body, secret.TokenBytes) is { } error
            ? WebhookVerdict.Refused($"unable to validate HMAC signature: {error}")
            : WebhookVerdict.Accept("handling generic-hmac event"),
        ReceiverTypes.GitHub => GitHub(events, secret, call),
        ReceiverTypes.GitLab => GitLab(events, secret, call),
        ReceiverTypes.Bitbucket => GitHubPayload.Check(call, secret.TokenBytes) is { } error
            ? WebhookVerdict.Refused($"the Bitbucket server signature header is invalid, err: {error}")
            : Filtered(events, call.Header(BitbucketEventHeader), "Bitbucket server event"),
        ReceiverTypes.Harbor => HmacSignature.SameToken(call.Header("Authorization"), secret.TokenBytes)
            ? WebhookVerdict.Accept("handling Harbor event")
            : WebhookVerdict.Refused("the Harbor Authorization header value does not match the receiver token"),
        ReceiverTypes.DockerHub => Decoded<RegistryPayloads.DockerHub>(call, "DockerHub"),
        ReceiverTypes.Quay => Decoded<RegistryPayloads.Quay>(call, "Quay"),
        ReceiverTypes.Acr => Decoded<RegistryPayloads.Acr>(call, "ACR"),
        ReceiverTypes.Nexus => Nexus(secret, call),
        ReceiverTypes.CDEvents => CDEventPayload.Error(call.Body) is { } error
            ? WebhookVerdict.Refused($"unable to validate CDEvent event: {error}")
            : Filtered(events, call.Header(CDEventTypeHeader), "CDEvent"),
        ReceiverTypes.Gcr => WebhookVerdict.Refused(GcrRefusal),
        _ => WebhookVerdict.Refused($"receiver type \"{type}\" not supported"),
    };

    private static WebhookVerdict GitHub(IReadOnlyList<string>? events, ReceiverSecret secret, WebhookCall call)
    {
        if (GitHubPayload.Check(call, secret.TokenBytes) is { } error)
        {
            return WebhookVerdict.Refused($"the GitHub signature header is invalid, err: {error}");
        }
        var verdict = Filtered(events, call.Header(GitHubEventHeader), "GitHub event");
        return verdict.Accepted && string.Equals(verdict.Event, GitHubPing, StringComparison.OrdinalIgnoreCase) ? verdict with { Triggers = false } : verdict;
    }

    private static WebhookVerdict GitLab(IReadOnlyList<string>? events, ReceiverSecret secret, WebhookCall call) =>
        HmacSignature.SameToken(call.Header(GitLabTokenHeader), secret.TokenBytes)
            ? Filtered(events, call.Header(GitLabEventHeader), "GitLab event")
            : WebhookVerdict.Refused("the X-Gitlab-Token header value does not match the receiver token");

    private static WebhookVerdict Nexus(ReceiverSecret secret, WebhookCall call)
    {
        if (call.Header(NexusSignatureHeader) is not { Length: > 0 } signature)
        {
            return WebhookVerdict.Refused("the Nexus signature is missing from header");
        }
        if (!HmacSignature.CheckBareSha1Hex(signature, call.Body, secret.TokenBytes))
        {
            return WebhookVerdict.Refused("invalid Nexus signature");
        }
        return Decoded<RegistryPayloads.Nexus>(call, "Nexus");
    }

    private static WebhookVerdict Decoded<T>(WebhookCall call, string registry) =>
        JsonPayload.Error<T>(call.Body) is { } error
            ? WebhookVerdict.Refused($"cannot decode {registry} webhook payload: {error}")
            : WebhookVerdict.Accept($"handling {registry} event");

    private static WebhookVerdict Filtered(IReadOnlyList<string>? events, string? @event, string what) =>
        EventFilter.Allows(events, @event)
            ? WebhookVerdict.Accept($"handling {what}: {@event}", @event)
            : WebhookVerdict.Refused($"the {what} \"{@event}\" is not authorised");
}
