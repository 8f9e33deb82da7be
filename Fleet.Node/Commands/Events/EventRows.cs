using Fleet.Messages.Api;
using Fleet.Node.Commands.Cli;
using k8s.Models;

namespace Fleet.Node.Commands.Events;

/// <summary><c>flux events</c>' rows: only events of Flux kinds, oldest first, LAST SEEN as an age with the repeat count.</summary>
public static class EventRows
{
    public static IReadOnlyList<string> Headers(bool showNamespace) =>
        showNamespace ? ["Namespace", "Last seen", "Type", "Reason", "Object", "Message"] : ["Last seen", "Type", "Reason", "Object", "Message"];

    public static bool IsFlux(Corev1Event e) => FluxKinds.Find(e.InvolvedObject?.Kind ?? "") is not null;

    public static DateTimeOffset TimeOf(Corev1Event e) =>
        e.Series?.LastObservedTime ?? e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? DateTime.MinValue;

    public static IReadOnlyList<string> Cells(Corev1Event e, bool showNamespace, DateTimeOffset now)
    {
        var first = e.EventTime ?? e.FirstTimestamp;
        var firstAge = first is { } f ? HumanDuration.Format(now - f) : "<unknown>";
        var lastSeen = e.Count > 1 && e.LastTimestamp is { } last
            ? $"{HumanDuration.Format(now - last)} (x{e.Count} over {firstAge})"
            : firstAge;
        string[] cells = [lastSeen, e.Type ?? "", e.Reason ?? "", $"{e.InvolvedObject?.Kind}/{e.InvolvedObject?.Name}", (e.Message ?? "").TrimEnd('\n')];
        return showNamespace ? [e.Metadata?.NamespaceProperty ?? "", .. cells] : cells;
    }
}
