namespace Fleet.Messages.Api.Notification;

/// <summary>Severities of Flux events; an Alert filters on <see cref="Info"/> (everything) or <see cref="Error"/>.</summary>
public static class EventSeverities
{
    /// <summary>Recorded as a Kubernetes event only; never forwarded to notification providers.</summary>
    public const string Trace = "trace";

    public const string Info = "info";

    public const string Error = "error";
}
