using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// What one provider type sends for an event: the calls in order, none when the type skips the event (a commit status for
/// a Progressing event). Throws <see cref="ProviderRefusedException"/> when the Provider cannot deliver as configured.
/// </summary>
public interface INotifier
{
    IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider);
}
