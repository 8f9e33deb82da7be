namespace Fleet.Actors.Apply.Health;

/// <summary>kstatus's aggregate over a set of objects with Current as the desired status.</summary>
public static class HealthAggregate
{
    /// <summary>
    /// Empty → Current; any Failed → Failed; else any Unknown → Unknown; all Current → Current; else InProgress
    /// (NotFound and Terminating are simply not Current yet).
    /// </summary>
    public static HealthStatus Of(IEnumerable<HealthStatus> statuses)
    {
        var allCurrent = true;
        var anyUnknown = false;
        foreach (var status in statuses)
        {
            if (status == HealthStatus.Failed)
            {
                return HealthStatus.Failed;
            }

            anyUnknown |= status == HealthStatus.Unknown;
            allCurrent &= status == HealthStatus.Current;
        }

        return anyUnknown ? HealthStatus.Unknown : allCurrent ? HealthStatus.Current : HealthStatus.InProgress;
    }
}
