using Fleet.Actors.Kube;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification;

/// <summary>Turns an entity's recorded Event into Flux's event shape, as Flux's event recorder posts it to notification-controller.</summary>
public static class FluxEvents
{
    /// <summary>
    /// The event for <paramref name="recorded"/>: a Warning is an error, anything else info; the annotations (revision under the
    /// kind's group, the object's <c>event.toolkit.fluxcd.io/</c> annotations) become the metadata with their prefixes.
    /// </summary>
    public static FluxEvent From(FluxKind kind, ObjectKey key, string? uid, ObjectEvent recorded, string reportingInstance, DateTimeOffset now) => new()
    {
        InvolvedObject = new FluxEventObject { Kind = kind.Kind, Namespace = key.Namespace, Name = key.Name, Uid = uid, ApiVersion = kind.ApiVersion },
        Severity = recorded.Type == ObjectEvent.Warning ? EventSeverities.Error : EventSeverities.Info,
        Timestamp = now,
        Message = recorded.Message,
        Reason = recorded.Reason,
        Metadata = recorded.Annotations.Count == 0 ? null : new SortedDictionary<string, string>(recorded.Annotations.ToDictionary(), StringComparer.Ordinal),
        ReportingController = kind.Controller,
        ReportingInstance = reportingInstance,
    };
}
