namespace Fleet.Actors.Apply.Health;

/// <summary>
/// kstatus's verdict on one object: the status, the reason of the Reconciling or Stalled condition kstatus would add
/// (empty for Current and Terminating, which add none), and the human message.
/// </summary>
public sealed record ObjectHealth(HealthStatus Status, string Reason, string Message)
{
    public static ObjectHealth Current(string message) => new(HealthStatus.Current, "", message);

    public static ObjectHealth InProgress(string reason, string message) => new(HealthStatus.InProgress, reason, message);

    public static ObjectHealth Failed(string reason, string message) => new(HealthStatus.Failed, reason, message);

    public static ObjectHealth Unknown(string message) => new(HealthStatus.Unknown, "", message);

    public static ObjectHealth NotFound { get; } = new(HealthStatus.NotFound, "", "Resource not found");
}
