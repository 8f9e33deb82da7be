using Fleet.Messages.Api.Notification;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Notification;

/// <summary>A node's alerting, as an entity uses it: which Alerts take an event, and delivering one to an Alert's Provider.</summary>
public interface IAlertDispatch
{
    /// <summary>The <c>reportingInstance</c> of the events this node produces.</summary>
    string ReportingInstance { get; }

    /// <summary>
    /// One pending delivery per Alert that takes <paramref name="event"/> (none for a duplicate within the rate-limit interval);
    /// <paramref name="labels"/> are the involved object's, for matchLabels.
    /// </summary>
    IReadOnlyList<PendingAlert> Accept(FluxEvent @event, IReadOnlyDictionary<string, string>? labels);

    /// <summary>Delivers with retries; completes when delivered, refused or given up (all logged), never faults.</summary>
    Task DeliverAsync(PendingAlert pending, CancellationToken cancellation);
}
