using Fleet.Actors.Sources;
using Fleet.Messages.Api.Meta;

namespace Fleet.Tests.Sources;

public sealed class KindConditionsTests
{
    private static readonly string[] Problems = ["StorageOperationFailed", "FetchFailed"];

    private static Condition Make(string type, string status, string reason = "R", string message = "m") =>
        new() { Type = type, Status = status, Reason = reason, Message = message };

    [Fact]
    public void Starts_from_the_last_runs_kind_conditions_without_the_runtimes()
    {
        var conditions = new KindConditions(
            [Make(ConditionTypes.Ready, ConditionStatus.False), Make(ConditionTypes.Reconciling, ConditionStatus.True), Make("FetchFailed", ConditionStatus.True)],
            Problems);

        Assert.Equal(["FetchFailed"], conditions.All.Select(c => c.Type));
    }

    [Fact]
    public void MarkTrue_replaces_a_condition_and_Delete_removes_it()
    {
        var conditions = new KindConditions([Make("FetchFailed", ConditionStatus.True, "Old", "old")], Problems);

        conditions.MarkTrue("FetchFailed", "New", "new");
        conditions.MarkTrue("ArtifactInStorage", "Succeeded", "stored");
        Assert.Equal([("FetchFailed", "New", "new"), ("ArtifactInStorage", "Succeeded", "stored")], conditions.All.Select(c => (c.Type, c.Reason, c.Message)));

        conditions.Delete("FetchFailed");
        Assert.Equal(["ArtifactInStorage"], conditions.All.Select(c => c.Type));
    }

    [Fact]
    public void The_first_problem_follows_the_kinds_priority_not_the_order_of_marking()
    {
        var conditions = new KindConditions([Make("FetchFailed", ConditionStatus.True, "AuthenticationFailed")], Problems);
        conditions.MarkTrue("StorageOperationFailed", "CopyFailure", "copy");
        conditions.MarkTrue("ArtifactInStorage", "Succeeded", "stored");

        Assert.Equal("CopyFailure", conditions.FirstProblem()?.Reason);
        conditions.Delete("StorageOperationFailed");
        Assert.Equal("AuthenticationFailed", conditions.FirstProblem()?.Reason);
        conditions.Delete("FetchFailed");
        Assert.Null(conditions.FirstProblem());
    }
}
