using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>Google Chat: a card with the object as title, the controller as subtitle, the message (red on error) and the metadata.</summary>
public sealed class GoogleChatNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var text = ProviderText.IsError(@event) ? $"<font color=\"#ff0000\">{@event.Message}</font>" : @event.Message;
        var sections = new JsonArray(new JsonObject
        {
            ["header"] = "",
            ["widgets"] = new JsonArray(Widget(new JsonObject { ["text"] = text }, null)),
        });
        if (@event.Metadata is { Count: > 0 })
        {
            sections.Add(new JsonObject
            {
                ["header"] = "",
                ["widgets"] = new JsonArray([.. ProviderText.Metadata(@event).Select(m => (JsonNode)Widget(null, new JsonObject
                {
                    ["topLabel"] = m.Key,
                    ["content"] = m.Value,
                    ["contentMultiline"] = false,
                    ["bottomLabel"] = null,
                    ["icon"] = null,
                }))]),
            });
        }
        var payload = new JsonObject
        {
            ["cards"] = new JsonArray(new JsonObject
            {
                ["header"] = new JsonObject { ["title"] = ProviderText.ObjectName(@event), ["subtitle"] = @event.ReportingController, ["imageUrl"] = null, ["imageStyle"] = null },
                ["sections"] = sections,
            }),
        };
        return [ProviderRequest.Post(provider.Address, ProviderText.Json(payload))];
    }

    private static JsonObject Widget(JsonObject? paragraph, JsonObject? keyValue) => new() { ["textParagraph"] = paragraph, ["keyValue"] = keyValue };
}
