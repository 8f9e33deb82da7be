using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>A type that needs a protocol other than HTTP (Google Pub/Sub, Azure Event Hubs, NATS): refused, logged and counted, never dropped silently.</summary>
public sealed class UnsupportedNotifier(string type, string protocol) : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider) =>
        throw new ProviderRefusedException($"provider type '{type}' is not supported by Fleet: it needs {protocol}, and Fleet delivers over HTTP only");
}
