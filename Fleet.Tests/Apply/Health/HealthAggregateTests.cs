using Fleet.Actors.Apply.Health;
using static Fleet.Actors.Apply.Health.HealthStatus;

namespace Fleet.Tests.Apply.Health;

/// <summary>kstatus's aggregate with Current desired.</summary>
public sealed class HealthAggregateTests
{
    public static TheoryData<HealthStatus[], HealthStatus> Cases => new()
    {
        { [], Current },
        { [Current, Current], Current },
        { [Current, Failed, Unknown], Failed },
        { [Unknown, Failed], Failed },
        { [Current, Unknown, InProgress], Unknown },
        { [Current, InProgress], InProgress },
        { [Current, NotFound], InProgress },
        { [Current, Terminating], InProgress },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Aggregates(HealthStatus[] statuses, HealthStatus expected) =>
        Assert.Equal(expected, HealthAggregate.Of(statuses));
}
