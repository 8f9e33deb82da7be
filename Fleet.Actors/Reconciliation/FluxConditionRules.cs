using System.Collections.Immutable;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// Flux's rules for the Ready, Reconciling and Stalled conditions, set as fluxcd/pkg's conditions.Set does:
/// a transition time moves when a condition's status, reason or message changes (not on a new generation
/// alone), and conditions are kept in Flux's order — Stalled, Reconciling, Ready, then the rest by type.
/// </summary>
public static class FluxConditionRules
{
    public const string ProgressingMessage = "Reconciliation in progress";

    /// <summary>At the start of a reconcile: Reconciling=True and Ready=Unknown, both Progressing; a Stalled condition goes.</summary>
    public static ImmutableList<Condition> Progressing(ImmutableList<Condition> conditions, long generation, DateTime now) =>
        conditions
            .Remove(ConditionTypes.Stalled)
            .Set(Make(ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.Progressing, ProgressingMessage, generation, now))
            .Set(Make(ConditionTypes.Ready, ConditionStatus.Unknown, ConditionReasons.Progressing, ProgressingMessage, generation, now))
            .InFluxOrder();

    /// <summary>
    /// The conditions after a reconcile ended with <paramref name="outcome"/>. When the kind reports its own conditions
    /// (<paramref name="kindConditions"/>), they replace every condition other than Ready, Reconciling and Stalled.
    /// </summary>
    public static ImmutableList<Condition> Finished(
        ImmutableList<Condition> conditions,
        ReconcileOutcome outcome,
        string reason,
        string message,
        long generation,
        DateTime now,
        IReadOnlyList<Condition>? kindConditions = null)
    {
        var all = WithKindConditions(conditions, kindConditions, generation, now);
        return outcome switch
        {
            ReconcileOutcome.Succeeded => all
                .Set(Make(ConditionTypes.Ready, ConditionStatus.True, reason, message, generation, now))
                .Remove(ConditionTypes.Reconciling)
                .Remove(ConditionTypes.Stalled)
                .InFluxOrder(),
            ReconcileOutcome.Failed => all
                .Set(Make(ConditionTypes.Ready, ConditionStatus.False, reason, message, generation, now))
                .Set(Make(ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.ProgressingWithRetry, message, generation, now))
                .Remove(ConditionTypes.Stalled)
                .InFluxOrder(),
            ReconcileOutcome.Stalled => all
                .Set(Make(ConditionTypes.Ready, ConditionStatus.False, reason, message, generation, now))
                .Set(Make(ConditionTypes.Stalled, ConditionStatus.True, reason, message, generation, now))
                .Remove(ConditionTypes.Reconciling)
                .InFluxOrder(),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
        };
    }

    private static ImmutableList<Condition> WithKindConditions(
        ImmutableList<Condition> conditions, IReadOnlyList<Condition>? kindConditions, long generation, DateTime now)
    {
        if (kindConditions is null)
        {
            return conditions;
        }
        var kept = conditions.RemoveAll(c => !IsRuntimeCondition(c.Type) && kindConditions.All(k => k.Type != c.Type));
        return kindConditions.Aggregate(kept, (all, c) => all.Set(Make(c.Type, c.Status, c.Reason, c.Message, generation, now)));
    }

    private static bool IsRuntimeCondition(string type) => type is ConditionTypes.Ready or ConditionTypes.Reconciling or ConditionTypes.Stalled;

    /// <summary>Whether an outcome settles the generation (Flux's observedGeneration moves on Ready or Stalled, not on retry).</summary>
    public static bool ObservesGeneration(ReconcileOutcome outcome) => outcome != ReconcileOutcome.Failed;

    private static Condition Make(string type, string status, string reason, string message, long generation, DateTime now) =>
        new() { Type = type, Status = status, Reason = reason, Message = message, ObservedGeneration = generation, LastTransitionTime = now };

    private static ImmutableList<Condition> Set(this ImmutableList<Condition> conditions, Condition condition)
    {
        var index = conditions.FindIndex(c => c.Type == condition.Type);
        if (index < 0)
        {
            return conditions.Add(condition);
        }
        var existing = conditions[index];
        var sameState = existing.Status == condition.Status && existing.Reason == condition.Reason && existing.Message == condition.Message;
        var transition = sameState ? existing.LastTransitionTime : condition.LastTransitionTime;
        return conditions.SetItem(index, condition with { LastTransitionTime = transition });
    }

    private static ImmutableList<Condition> Remove(this ImmutableList<Condition> conditions, string type) =>
        conditions.RemoveAll(c => c.Type == type);

    private static ImmutableList<Condition> InFluxOrder(this ImmutableList<Condition> conditions) =>
        [.. conditions.OrderBy(Weight).ThenBy(c => c.Type, StringComparer.Ordinal)];

    private static int Weight(Condition condition) => condition.Type switch
    {
        ConditionTypes.Stalled => 0,
        ConditionTypes.Reconciling => 1,
        ConditionTypes.Ready => 2,
        _ => 3,
    };
}
