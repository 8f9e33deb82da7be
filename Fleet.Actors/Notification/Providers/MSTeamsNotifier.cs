using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// Microsoft Teams: an Adaptive Card 1.4 (title, message, facts with <c>summary</c> first), or the deprecated MessageCard for
/// the old Office 365 connector addresses (<c>*.webhook.office.com</c>).
/// </summary>
public sealed class MSTeamsNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var url = ProviderText.Url(provider.Address);
        var name = ProviderText.ObjectName(@event);
        var payload = url.Host.EndsWith(".webhook.office.com", StringComparison.OrdinalIgnoreCase) ? MessageCard(@event, name) : AdaptiveCard(@event, name);
        return [ProviderRequest.Post(provider.Address, ProviderText.Json(payload))];
    }

    private static JsonObject MessageCard(FluxEvent @event, string name) => new()
    {
        ["@type"] = "MessageCard",
        ["@context"] = "http://schema.org/extensions",
        ["themeColor"] = ProviderText.IsError(@event) ? "FF0000" : "0076D7",
        ["summary"] = name,
        ["sections"] = new JsonArray(new JsonObject
        {
            ["activityTitle"] = @event.Message,
            ["activitySubtitle"] = name,
            ["facts"] = new JsonArray([.. ProviderText.Metadata(@event).Select(m => (JsonNode)new JsonObject { ["name"] = m.Key, ["value"] = m.Value })]),
        }),
    };

    private static JsonObject AdaptiveCard(FluxEvent @event, string name)
    {
        var message = new JsonObject { ["type"] = "TextBlock", ["text"] = @event.Message };
        if (ProviderText.IsError(@event))
        {
            message["color"] = "attention";
        }
        message["wrap"] = true;
        var metadata = ProviderText.Metadata(@event).ToList();
        var facts = metadata.Where(m => m.Key == EventMetadata.SummaryKey).Concat(metadata.Where(m => m.Key != EventMetadata.SummaryKey))
            .Select(m => (JsonNode)new JsonObject { ["title"] = m.Key, ["value"] = m.Value });
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["content"] = new JsonObject
                {
                    ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                    ["type"] = "AdaptiveCard",
                    ["version"] = "1.4",
                    ["body"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Container",
                        ["items"] = new JsonArray(
                            new JsonObject { ["type"] = "TextBlock", ["text"] = name, ["size"] = "large", ["weight"] = "bolder", ["wrap"] = true },
                            message,
                            new JsonObject { ["type"] = "FactSet", ["facts"] = new JsonArray([.. facts]) }),
                    }),
                    ["msteams"] = new JsonObject { ["width"] = "Full" },
                },
            }),
        };
    }
}
