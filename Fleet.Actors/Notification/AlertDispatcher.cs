using System.Collections.Concurrent;
using Fleet.Actors.Notification.Providers;
using Fleet.Messages.Api.Notification;
using Fleet.Messages.Entities;
using Microsoft.Extensions.Logging;

namespace Fleet.Actors.Notification;

/// <summary>
/// A node's event dispatcher: filters events through the cached Alerts (notification-controller's matching and duplicate
/// limit), then delivers each to its Alert's Provider with retries and backoff on the injected clock. Each Provider has its
/// own slots, so one that hangs or keeps failing never holds up the others; failures go to the log with secrets masked.
/// </summary>
public sealed class AlertDispatcher : IAlertDispatch
{
    private readonly NotificationObjects _objects;
    private readonly AlertDispatchSettings _settings;
    private readonly ProviderSettingsReader _reader;
    private readonly ProviderSender _sender;
    private readonly Notifiers _notifiers;
    private readonly AlertMatcher _matcher;
    private readonly DuplicateEventLimiter _limiter;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string, string), SemaphoreSlim> _slots = new();

    public AlertDispatcher(NotificationObjects objects, AlertDispatchSettings settings, ProviderSecrets.Reader secrets, ProviderSender sender, ILogger logger)
    {
        (_objects, _settings, _sender, _logger) = (objects, settings, sender, logger);
        _reader = new ProviderSettingsReader(secrets);
        _notifiers = new Notifiers(settings.Endpoints);
        _limiter = new DuplicateEventLimiter(settings.Clock, settings.RateLimitInterval);
        _matcher = new AlertMatcher(new EventRegexes(), (alert, pattern) =>
            _logger.LogWarning("Alert {Namespace}/{Name}: failed to compile regex: {Pattern}", alert.Metadata.NamespaceProperty, alert.Metadata.Name, pattern));
    }

    public NotificationCounters Counters { get; } = new();

    public string ReportingInstance => _settings.ReportingInstance;

    public NotificationObjects Objects => _objects;

    public IReadOnlyList<PendingAlert> Accept(FluxEvent @event, IReadOnlyDictionary<string, string>? labels) => Accept(@event, labels, out _);

    /// <summary><see cref="Accept(FluxEvent, IReadOnlyDictionary{string, string}?)"/>, telling a duplicate from an event no Alert takes.</summary>
    public IReadOnlyList<PendingAlert> Accept(FluxEvent @event, IReadOnlyDictionary<string, string>? labels, out bool duplicate)
    {
        duplicate = false;
        if (@event.Severity == EventSeverities.Trace)
        {
            return [];
        }
        if (!_limiter.TryAccept(@event))
        {
            duplicate = true;
            Counters.Add(NotificationCounters.Duplicates);
            _logger.LogDebug("discarding event, rate limiting duplicate events: {Kind}/{Namespace}/{Name}", @event.InvolvedObject.Kind, @event.InvolvedObject.Namespace, @event.InvolvedObject.Name);
            return [];
        }
        var forwarded = EventMetadata.WithoutInternal(@event);
        return [.. _objects.Alerts
            .Where(alert => _matcher.Matches(alert, forwarded, labels))
            .Select(alert => new PendingAlert(Guid.NewGuid().ToString("N"), alert.Metadata.NamespaceProperty, alert.Metadata.Name, forwarded))];
    }

    /// <summary>Whether deciding on <paramref name="event"/> needs the involved object's labels (a posted event carries none).</summary>
    public bool NeedsLabels(FluxEvent @event) => AlertMatcher.NeedsLabels(_objects.Alerts, @event);

    public async Task DeliverAsync(PendingAlert pending, CancellationToken cancellation)
    {
        var what = $"{pending.Event.InvolvedObject.Kind}/{pending.Event.InvolvedObject.Namespace}/{pending.Event.InvolvedObject.Name}";
        for (var attempt = 1; attempt <= _settings.MaxAttempts && !cancellation.IsCancellationRequested; attempt++)
        {
            var outcome = await AttemptAsync(pending, what, attempt, cancellation);
            if (outcome is null)
            {
                return;
            }
            if (attempt == _settings.MaxAttempts)
            {
                Counters.Add(NotificationCounters.GivenUp, outcome.Provider);
                _logger.LogError("Alert {Namespace}/{Name}: giving up on the notification for {Object} after {Attempts} attempts: {Error}", pending.AlertNamespace, pending.AlertName, what, attempt, outcome.Error);
                return;
            }
            try
            {
                await Task.Delay(DeliveryBackoff.After(attempt, _settings), _settings.Clock, cancellation);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One attempt; null when finished (delivered, skipped or refused), else why it should be tried again.</summary>
    private async Task<RetryReason?> AttemptAsync(PendingAlert pending, string what, int attempt, CancellationToken cancellation)
    {
        if (_objects.Alert(pending.AlertNamespace, pending.AlertName) is not { } alert)
        {
            // A node that just started may not have listed the Alert yet; one that is gone for good is given up on.
            return new RetryReason("", $"alert '{pending.AlertNamespace}/{pending.AlertName}' not found");
        }
        var @event = pending.Event;
        if (_settings.NoCrossNamespaceRefs && @event.InvolvedObject.Namespace != pending.AlertNamespace)
        {
            Refuse(pending, "", $"discarding event, access denied to cross-namespace sources: alert '{pending.AlertNamespace}/{pending.AlertName}' can't process event from '{what}', cross-namespace references have been blocked");
            return null;
        }
        var providerName = alert.Spec.ProviderRef.Name;
        var providerKey = $"{pending.AlertNamespace}/{providerName}";
        if (_objects.Provider(pending.AlertNamespace, providerName) is not { } provider)
        {
            return new RetryReason(providerKey, $"failed to read provider: provider '{providerKey}' not found");
        }
        var type = provider.Spec.Type;
        if (provider.Spec.Suspend == true
            || !ProviderTypes.CommitStatus.Contains(type) && type is not (ProviderTypes.Generic or ProviderTypes.GenericHmac) && EventMetadata.IsCommitStatusUpdate(@event)
            || ProviderTypes.CommitStatus.Contains(type) && !EventMetadata.HasCommitKey(@event) && !EventMetadata.IsCommitStatusUpdate(@event) && @event.Severity != EventSeverities.Error
            || IsChangeRequestType(type) && !EventMetadata.HasChangeRequestKey(@event))
        {
            return null;
        }
        if (provider.Spec.ServiceAccountName is { Length: > 0 })
        {
            Refuse(pending, providerKey, "spec.serviceAccountName (workload identity) is not supported by Fleet; use secretRef");
            return null;
        }
        if (provider.Spec.CommitStatusExpr is { Length: > 0 } && ProviderTypes.CommitStatus.Contains(type))
        {
            Refuse(pending, providerKey, "failed to create commit status: spec.commitStatusExpr is not supported by Fleet yet (CEL); remove it to use the default commit status");
            return null;
        }
        var notification = EventMetadata.Combine(@event, alert.Spec, out var conflicts);
        if (conflicts.Count > 0 && attempt == 1)
        {
            _logger.LogInformation("Alert {Namespace}/{Name}: metadata key conflicts detected: {Keys}", pending.AlertNamespace, pending.AlertName, string.Join(", ", conflicts));
        }
        var slots = _slots.GetOrAdd((pending.AlertNamespace, providerName), _ => new SemaphoreSlim(_settings.PerProviderConcurrency));
        ProviderSettings? settings = null;
        try
        {
            await slots.WaitAsync(cancellation);
            try
            {
                settings = await _reader.ReadAsync(provider, cancellation);
                foreach (var request in _notifiers.For(type).Requests(notification, settings))
                {
                    await _sender.SendAsync(request, settings, cancellation);
                }
            }
            finally
            {
                slots.Release();
            }
            Counters.Add(NotificationCounters.Delivered, providerKey);
            return null;
        }
        catch (ProviderRefusedException refused)
        {
            Refuse(pending, providerKey, Masked(refused.Message, settings));
            return null;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception error) when (error is HttpRequestException or OperationCanceledException or SecretMissingException or IOException
            or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            var message = Masked(error is OperationCanceledException ? $"timed out after {provider.Spec.Timeout?.Value ?? NotificationDefaults.ProviderTimeout.Value}" : error.Message, settings);
            Counters.Add(NotificationCounters.FailedAttempts, providerKey);
            _logger.LogWarning("Provider {Provider} ({Type}): sending the notification for {Object} failed (attempt {Attempt} of {Max}): {Error}", providerKey, type, what, attempt, _settings.MaxAttempts, message);
            return new RetryReason(providerKey, message);
        }
    }

    private void Refuse(PendingAlert pending, string provider, string message)
    {
        Counters.Add(NotificationCounters.Refused, provider);
        _logger.LogError("Alert {Namespace}/{Name}: failed to dispatch notification: {Error}", pending.AlertNamespace, pending.AlertName, message);
    }

    private static bool IsChangeRequestType(string type) =>
        type is ProviderTypes.GitHubPullRequestComment or ProviderTypes.GitLabMergeRequestComment or ProviderTypes.GiteaPullRequestComment;

    /// <summary>An error with the Provider's secrets (tokens, webhook addresses) replaced, as Flux masks its token.</summary>
    private static string Masked(string message, ProviderSettings? settings) =>
        settings is null ? message : settings.Secrets().OrderByDescending(s => s.Length).Aggregate(message, (text, secret) => text.Replace(secret, "*****", StringComparison.Ordinal));

    private sealed record RetryReason(string Provider, string Error);
}
