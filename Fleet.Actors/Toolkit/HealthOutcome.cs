using Fleet.Actors.Apply.Health;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Toolkit;

/// <summary>A finished health wait and how long it took, with the Healthy condition Flux sets from it.</summary>
public sealed record HealthOutcome(HealthCheckResult Result, TimeSpan Duration)
{
    public bool Healthy => Result.Healthy;

    /// <summary>Flux's text on success (<c>Health check passed in 1.5s</c>), the wait's error otherwise.</summary>
    public string Message => Healthy ? $"Health check passed in {GoDuration.Format(Duration)}" : Result.Message;

    public Condition Condition => new()
    {
        Type = ConditionTypes.Healthy,
        Status = Healthy ? ConditionStatus.True : ConditionStatus.False,
        Reason = Healthy ? ConditionReasons.Succeeded : ConditionReasons.HealthCheckFailed,
        Message = Message,
    };
}
