using System.Text;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>Flux's markdown status post (Zulip, pull-request comments): object, message and sorted metadata.</summary>
public static class MarkdownPost
{
    private const string ChangeRequestKey = "change_request";

    public static string Format(FluxEvent @event)
    {
        var emoji = ProviderText.IsError(@event) ? "⚠️" : "ℹ️";
        var involved = @event.InvolvedObject;
        var lines = new StringBuilder();
        foreach (var (key, value) in ProviderText.Metadata(@event).Where(m => m.Key != ChangeRequestKey))
        {
            lines.Append($"* `{key}`: {value}\n");
        }
        return $"## Flux Status\n\n{emoji} {involved.Kind}/{involved.Namespace}/{involved.Name}\n\n{@event.Message}\n\nMetadata:\n{lines}";
    }
}
