using System.Net;
using System.Text.Json.Nodes;
using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Notification;
using k8s;
using k8s.Autorest;

namespace Fleet.Actors.Notification.Receivers;

/// <summary>
/// Converges one Receiver as notification-controller's reconciler does: checks the spec's invariants, reads the token
/// from its Secret and publishes the webhook path in status; the node's webhook server serves that path. A Secret that
/// cannot be read clears the path, so the old one stops answering.
/// </summary>
public sealed class ReceiverReconciler(IKubernetes kubernetes) : IObjectReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var spec = FleetJson.Deserialize<Receiver>(request.Object)?.Spec ?? new ReceiverSpec();
        if (ReceiverUnsupportedFields.Fields.Check(spec) is { } refusal)
        {
            return ReconcileResult.Stall(refusal.Reason, refusal.Message) with { Status = new JsonObject() };
        }
        if (SpecError(spec) is { } error)
        {
            return ReconcileResult.Stall(ReceiverReasons.ValidationFailed, $"{ReceiverReasons.TerminalPrefix}: {error}") with { Status = new JsonObject() };
        }
        var key = request.Key;
        var token = await ReadTokenAsync(key.Namespace, spec.SecretRef!.Name, cancellationToken);
        if (token.Error is { } missing)
        {
            return ReconcileResult.Failure(ReceiverReasons.TokenNotFound, missing) with { Status = new JsonObject() };
        }
        var path = WebhookPath.Of(token.Value!, key.Name, key.Namespace);
        return ReconcileResult.Success($"Receiver initialized for path: {path}", status: new JsonObject { ["webhookPath"] = path });
    }

    /// <summary>The cross-field rules Flux's CRD encodes and its reconciler checks again (validateOIDCSpec).</summary>
    private static string? SpecError(ReceiverSpec spec) => spec switch
    {
        { SecretRef: null } => "secretRef is required when type is not generic-oidc",
        { OidcProviders.Count: > 0 } => "oidcProviders can only be set when type is generic-oidc",
        _ => null,
    };

    private async Task<(string? Value, string? Error)> ReadTokenAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var secretName = $"{ns}/{name}";
        try
        {
            var secret = await kubernetes.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
            return secret.Data?.TryGetValue(Verification.ReceiverSecret.TokenKey, out var token) == true
                ? (System.Text.Encoding.UTF8.GetString(token), null)
                : (null, $"invalid '{secretName}' secret data: required fields 'token'");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, $"unable to read token from secret '{secretName}' error: secrets \"{name}\" not found");
        }
        catch (HttpOperationException e)
        {
            return (null, $"unable to read token from secret '{secretName}' error: the API server answered {(int)e.Response.StatusCode} {e.Response.StatusCode}");
        }
    }
}
