using Fleet.Actors.Notification.Providers;

namespace Fleet.Actors.Notification;

/// <summary>Tunables of a node's alert delivery, with notification-controller's defaults where it has them.</summary>
public sealed record AlertDispatchSettings
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Flux's <c>--no-cross-namespace-refs</c>: an Alert takes events of its own namespace only.</summary>
    public bool NoCrossNamespaceRefs { get; init; }

    /// <summary>Flux's <c>--rate-limit-interval</c>: a duplicate event within it is dropped.</summary>
    public TimeSpan RateLimitInterval { get; init; } = DuplicateEventLimiter.DefaultInterval;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per delivery before it is given up (and logged); with the defaults about half an hour of retries.</summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>Deliveries in flight per Provider, so a slow one never holds up the others.</summary>
    public int PerProviderConcurrency { get; init; } = 16;

    /// <summary>Names this node as the events' <c>reportingInstance</c>.</summary>
    public string ReportingInstance { get; init; } = Environment.MachineName;

    public NotifierEndpoints Endpoints { get; init; } = new();
}
