using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// Slack's incoming-webhook shape, which Discord (at <c>/slack</c>) and Rocket.Chat also take: one attachment with the message,
/// a colour by severity and a field per metadata key.
/// </summary>
public sealed class SlackNotifier(SlackNotifier.Flavour flavour) : INotifier
{
    public enum Flavour
    {
        Slack,
        Discord,
        Rocket,
    }

    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var error = ProviderText.IsError(@event);
        var author = ProviderText.ObjectName(@event);
        var attachment = new JsonObject();
        if (flavour != Flavour.Rocket)
        {
            attachment["fallback"] = flavour == Flavour.Slack ? $"{author}: {@event.Message.Split('\n')[0]}" : "";
        }
        attachment["color"] = flavour == Flavour.Rocket ? (error ? "#FF0000" : "#0076D7") : (error ? "danger" : "good");
        attachment["author_name"] = author;
        attachment["text"] = @event.Message;
        attachment["mrkdwn_in"] = new JsonArray("text");
        attachment["fields"] = new JsonArray([.. ProviderText.Metadata(@event).Select(m => (JsonNode)new JsonObject { ["title"] = m.Key, ["value"] = m.Value, ["short"] = false })]);
        var username = flavour == Flavour.Rocket ? provider.Username ?? "" : provider.Username is { Length: > 0 } name ? name : @event.ReportingController;
        var payload = new JsonObject
        {
            ["channel"] = flavour == Flavour.Discord ? "" : provider.Channel ?? "",
            ["username"] = username,
            ["icon_url"] = "",
            ["icon_emoji"] = "",
            ["attachments"] = new JsonArray(attachment),
        };
        var url = flavour == Flavour.Discord && !provider.Address.EndsWith("/slack", StringComparison.Ordinal) ? provider.Address.TrimEnd('/') + "/slack" : provider.Address;
        var headers = flavour == Flavour.Slack && provider.Token is { Length: > 0 } token ? [ProviderText.Bearer(token)] : Array.Empty<KeyValuePair<string, string>>();
        return [ProviderRequest.Post(url, ProviderText.Json(payload), headers)];
    }
}
