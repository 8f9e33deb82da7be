using Fleet.Actors.Notification.Receivers;
using Fleet.Actors.Notification.Receivers.Verification;
using Fleet.Actors.Reconciliation;
using k8s;
using k8s.Autorest;
using Microsoft.AspNetCore.Http.Features;

namespace Fleet.Node.Http.Webhooks;

/// <summary>
/// Serves one call to <c>/hook/&lt;digest&gt;</c> in the order of notification-controller's handlePayload, with its answers:
/// 429 over the node's rate, 413 for a body over 3 MiB, 404 for a path no Receiver has, 503 while the Receiver is suspended
/// or not Ready, 400 when the call does not verify, then a reconcile request per target (500 if any could not be made)
/// and 200. Logs name the Receiver, never the path, which is as good as its token.
/// </summary>
public sealed class WebhookHandler(
    ReceiverIndex receivers,
    WebhookRateLimiter limiter,
    ControllerFlags flags,
    IServiceProvider services,
    ILogger<WebhookHandler> logger)
{
    /// <summary>Flux's maxRequestSizeBytes.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        if (!limiter.TryAcquire())
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        // Flux looks the Receiver up by the whole request URI, so a query string matches no Receiver.
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        if (receivers.Find(target) is not { } receiver)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var key = receiver.Key;
        if (receiver.Suspended || !receiver.Ready)
        {
            logger.LogInformation("receiver {Namespace}/{Name}: unable to process request: receiver is {State}", key.Namespace, key.Name, receiver.Suspended ? "suspended" : "not ready");
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (services.GetService<IKubernetes>() is not { } kubernetes)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var secret = await ReadSecretAsync(kubernetes, key.Namespace, receiver.Spec.SecretRef?.Name, context.RequestAborted);
        var verdict = secret is null
            ? WebhookVerdict.Refused("unable to read secret")
            : ReceiverVerifier.Verify(receiver.Spec.Type, receiver.Spec.Events, secret, new WebhookCall(Headers(context.Request), body));
        if (!verdict.Accepted)
        {
            logger.LogInformation("receiver {Namespace}/{Name}: unable to validate payload: {Reason}", key.Namespace, key.Name, verdict.Message);
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        logger.LogInformation("receiver {Namespace}/{Name}: {Message}", key.Namespace, key.Name, verdict.Message);
        if (!verdict.Triggers)
        {
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        response.StatusCode = await RequestReconcilesAsync(kubernetes, receiver, context.RequestAborted)
            ? StatusCodes.Status200OK
            : StatusCodes.Status500InternalServerError;
    }

    /// <summary>Asks every target to reconcile; false when any resource could not be resolved or annotated.</summary>
    private async Task<bool> RequestReconcilesAsync(IKubernetes kubernetes, ReceiverEntry receiver, CancellationToken cancellationToken)
    {
        var key = receiver.Key;
        var resolver = new ReceiverTargets(kubernetes, flags.NoCrossNamespaceRefs);
        var requester = services.GetRequiredService<ReconcileRequester>();
        var succeeded = true;
        foreach (var resource in receiver.Spec.Resources)
        {
            try
            {
                var targets = await resolver.ResolveAsync(resource, key.Namespace, cancellationToken);
                if (targets.Count == 0)
                {
                    logger.LogWarning("receiver {Namespace}/{Name}: no \"{Kind}\" resources found with matching labels in \"{TargetNamespace}\" namespace",
                        key.Namespace, key.Name, resource.Kind, resource.Namespace ?? key.Namespace);
                }
                foreach (var target in targets)
                {
                    await requester.RequestAsync(target, cancellationToken);
                    logger.LogInformation("receiver {Namespace}/{Name}: resource '{Target}' annotated", key.Namespace, key.Name, target);
                }
            }
            catch (Exception e) when (e is ReceiverTargetException or HttpRequestException)
            {
                logger.LogWarning("receiver {Namespace}/{Name}: unable to request reconciliation: {Error}", key.Namespace, key.Name, e.Message);
                succeeded = false;
            }
        }
        return succeeded;
    }

    /// <summary>The whole body, or null when it is over <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => h.Value.FirstOrDefault() ?? "", StringComparer.OrdinalIgnoreCase);

    /// <summary>The Receiver's Secret, read on every call as Flux does, so a rotated token takes effect at once.</summary>
    private static async Task<ReceiverSecret?> ReadSecretAsync(IKubernetes kubernetes, string ns, string? name, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            return ReceiverSecret.Empty;
        }
        try
        {
            var secret = await kubernetes.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
            return secret.Data is { } data && data.ContainsKey(ReceiverSecret.TokenKey) ? new ReceiverSecret(data.AsReadOnly()) : null;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            return null;
        }
    }
}
