namespace Fleet.Actors.Apply.Health;

/// <summary>kstatus's result for one object, plus the two a poller adds (NotFound, Unknown).</summary>
public enum HealthStatus
{
    InProgress,
    Failed,
    Current,
    Terminating,
    NotFound,
    Unknown,
}
