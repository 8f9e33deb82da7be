using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification;

/// <summary>
/// notification-controller's choice of the Alerts an event goes to: not suspended; an event source of the event's kind and
/// namespace (the Alert's own when it names none), a severity the Alert forwards, the name or <c>*</c>, and the involved object's
/// labels when the source has matchLabels; then inclusionList (any) and exclusionList (none).
/// </summary>
public sealed class AlertMatcher(EventRegexes regexes, Action<Alert, string> invalidPattern)
{
    /// <summary>Whether <paramref name="alert"/> takes <paramref name="event"/>; <paramref name="labels"/> are the involved object's, null when unknown.</summary>
    public bool Matches(Alert alert, FluxEvent @event, IReadOnlyDictionary<string, string>? labels) =>
        alert.Spec.Suspend != true
        && alert.Spec.EventSources.Any(source => SourceMatches(alert, source, @event, labels))
        && IsIncluded(alert, @event.Message)
        && !IsExcluded(alert, @event.Message);

    /// <summary>Whether any source that would take the event still needs the involved object's labels to decide.</summary>
    public static bool NeedsLabels(IEnumerable<Alert> alerts, FluxEvent @event) =>
        alerts.Any(alert => alert.Spec.EventSources.Any(source => source.MatchLabels is not null && SourceMatches(alert, source with { MatchLabels = null }, @event, null)));

    private static bool SourceMatches(Alert alert, NotificationObjectReference source, FluxEvent @event, IReadOnlyDictionary<string, string>? labels)
    {
        var involved = @event.InvolvedObject;
        var severity = alert.Spec.EventSeverity ?? EventSeverities.Info;
        return involved.Namespace == (source.Namespace ?? alert.Metadata.NamespaceProperty)
            && involved.Kind == source.Kind
            && (@event.Severity == severity || severity == EventSeverities.Info)
            && (source.Name == "*" || source.Name == involved.Name)
            && (source.MatchLabels is null || labels is not null && source.MatchLabels.All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value));
    }

    private bool IsIncluded(Alert alert, string message) =>
        alert.Spec.InclusionList is not { Count: > 0 } patterns || patterns.Any(p => Test(alert, p, message));

    private bool IsExcluded(Alert alert, string message) =>
        alert.Spec.ExclusionList is { Count: > 0 } patterns && patterns.Any(p => Test(alert, p, message));

    private bool Test(Alert alert, string pattern, string message)
    {
        if (regexes.Matches(pattern, message) is { } matched)
        {
            return matched;
        }
        invalidPattern(alert, pattern);
        return false;
    }
}
