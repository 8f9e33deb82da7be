using System.Text;
using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>Lark (Feishu): an interactive card, turquoise or red, with the message in bold and the metadata below.</summary>
public sealed class LarkNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var error = ProviderText.IsError(@event);
        var content = new StringBuilder($"**{@event.Message}**\n\n");
        foreach (var (key, value) in ProviderText.Metadata(@event))
        {
            content.Append($"{key}: {value}\n");
        }
        var payload = new JsonObject
        {
            ["msg_type"] = "interactive",
            ["card"] = new JsonObject
            {
                ["config"] = new JsonObject { ["wide_screen_mode"] = true },
                ["header"] = new JsonObject
                {
                    ["title"] = new JsonObject { ["tag"] = "plain_text", ["content"] = $"{(error ? "🚨" : "💫")} {ProviderText.ObjectName(@event)}" },
                    ["template"] = error ? "red" : "turquoise",
                },
                ["elements"] = new JsonArray(new JsonObject
                {
                    ["tag"] = "div",
                    ["text"] = new JsonObject { ["tag"] = "lark_md", ["content"] = content.ToString() },
                }),
            },
        };
        return [ProviderRequest.Post(provider.Address, ProviderText.Json(payload))];
    }
}
