using System.Text.Json.Nodes;
using System.Web;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>Zoom Team Chat's incoming webhook in <c>format=full</c>: a head with the object and severity, the message and the metadata as fields.</summary>
public sealed class ZoomNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var token = ProviderText.RequireToken(provider, "Zoom verification token");
        var url = new UriBuilder(ProviderText.Url(provider.Address));
        var query = HttpUtility.ParseQueryString(url.Query);
        if (string.IsNullOrEmpty(query["format"]))
        {
            query["format"] = "full";
            url.Query = query.ToString();
        }
        var body = new JsonArray(new JsonObject { ["type"] = "message", ["text"] = @event.Message });
        if (@event.Metadata is { Count: > 0 })
        {
            body.Add(new JsonObject
            {
                ["type"] = "fields",
                ["items"] = new JsonArray([.. ProviderText.Metadata(@event).Select(m => (JsonNode)new JsonObject { ["key"] = m.Key, ["value"] = m.Value })]),
            });
        }
        var payload = new JsonObject
        {
            ["content"] = new JsonObject
            {
                ["head"] = new JsonObject { ["text"] = ProviderText.ObjectName(@event), ["sub_head"] = new JsonObject { ["text"] = @event.Severity } },
                ["body"] = body,
            },
        };
        return [ProviderRequest.Post(url.Uri.ToString(), ProviderText.Json(payload), ProviderText.Header("Authorization", token))];
    }
}
