using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Sources;

/// <summary>
/// A kind's own conditions during one run, starting from what the last run left and changed step by step as Flux's
/// reconcilers change theirs (fluxcd/pkg conditions.MarkTrue, Delete), so a step that does not run leaves its condition as
/// it was. <see cref="FirstProblem"/> is what Flux's summary puts in Ready on a failure: the first condition, in the kind's
/// priority order, whose True status reports a problem.
/// </summary>
public sealed class KindConditions
{
    private readonly IReadOnlyList<string> _problems;
    private readonly List<Condition> _conditions;

    /// <param name="previous">The object's conditions after the last run; Ready, Reconciling and Stalled belong to the runtime and are skipped.</param>
    /// <param name="problems">The kind's negative-polarity conditions in Flux's summary order.</param>
    public KindConditions(IEnumerable<Condition> previous, IReadOnlyList<string> problems)
    {
        _problems = problems;
        _conditions = [.. previous.Where(c => c.Type is not (ConditionTypes.Ready or ConditionTypes.Reconciling or ConditionTypes.Stalled))];
    }

    public IReadOnlyList<Condition> All => [.. _conditions];

    public void MarkTrue(string type, string reason, string message)
    {
        Delete(type);
        _conditions.Add(new Condition { Type = type, Status = ConditionStatus.True, Reason = reason, Message = message });
    }

    public void Delete(string type) => _conditions.RemoveAll(c => c.Type == type);

    public Condition? FirstProblem() =>
        _problems.Select(type => _conditions.Find(c => c.Type == type && c.Status == ConditionStatus.True)).FirstOrDefault(c => c is not null);
}
