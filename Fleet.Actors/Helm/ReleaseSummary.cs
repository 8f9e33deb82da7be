using Fleet.Messages.Api.Helm;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Helm;

/// <summary>
/// helm-controller's Ready summary of its own conditions: a Remediated=True (negative polarity) makes Ready False with
/// its reason; else the first False of TestSuccess (when tests count) and Released; else Ready True as the first of them.
/// </summary>
public static class ReleaseSummary
{
    public static (bool Ready, string Reason, string Message) Of(IReadOnlyList<Condition> conditions, bool testsCount)
    {
        var remediated = Find(conditions, HelmReleaseConditions.Remediated);
        if (remediated is { Status: ConditionStatus.True })
        {
            return (false, remediated.Reason, remediated.Message);
        }
        var ordered = new[] { testsCount ? Find(conditions, HelmReleaseConditions.TestSuccess) : null, Find(conditions, HelmReleaseConditions.Released) }.OfType<Condition>().ToList();
        if (ordered.FirstOrDefault(c => c.Status != ConditionStatus.True) is { } failed)
        {
            return (false, failed.Reason, failed.Message);
        }
        return ordered.FirstOrDefault() is { } first ? (true, first.Reason, first.Message) : (false, ConditionReasons.Progressing, "no release made yet");
    }

    public static Condition? Find(IReadOnlyList<Condition> conditions, string type) => conditions.FirstOrDefault(c => c.Type == type);

    public static Condition Make(string type, bool status, string reason, string message) =>
        new() { Type = type, Status = status ? ConditionStatus.True : ConditionStatus.False, Reason = reason, Message = message };
}
