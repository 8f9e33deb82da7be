using Fleet.Messages.Api.Notification;

namespace Fleet.Messages.Entities;

/// <summary>One event to deliver through one Alert (<paramref name="AlertNamespace"/>/<paramref name="AlertName"/>).</summary>
public sealed record PendingAlert(string Id, string AlertNamespace, string AlertName, FluxEvent Event);
