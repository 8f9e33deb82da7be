using System.Text;
using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>Webex: markdown into the room named by <c>channel</c>, with the bot token as bearer.</summary>
public sealed class WebexNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var markdown = new StringBuilder();
        markdown.Append($"{(ProviderText.IsError(@event) ? "💣" : "✅")} **{ProviderText.ObjectName(@event)}**\n");
        markdown.Append($"{@event.Message}\n");
        foreach (var (key, value) in ProviderText.Metadata(@event))
        {
            markdown.Append($">**{key}**: {value}\n");
        }
        var payload = new JsonObject();
        if (provider.Channel is { Length: > 0 } room)
        {
            payload["roomId"] = room;
        }
        payload["markdown"] = markdown.ToString();
        return [ProviderRequest.Post(provider.Address, ProviderText.Json(payload), ProviderText.Bearer(provider.Token ?? ""))];
    }
}
