using System.Text;
using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// Matrix: a PUT of an <c>m.text</c> message into the room named by <c>channel</c>; the transaction id is the SHA-1 of the
/// event, so a retried delivery is not posted twice.
/// </summary>
public sealed class MatrixNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var metadata = new StringBuilder();
        foreach (var (key, value) in ProviderText.Metadata(@event))
        {
            metadata.Append($"- {key}: {value}\n");
        }
        var heading = $"{(ProviderText.IsError(@event) ? "🚨" : "💫")} {ProviderText.ObjectName(@event)}";
        var payload = new JsonObject { ["body"] = $"{heading}\n{@event.Message}\n{metadata}", ["msgtype"] = "m.text" };
        var url = $"{provider.Address}/_matrix/client/r0/rooms/{provider.Channel}/send/m.room.message/{ProviderText.Sha1Hex(ProviderText.Json(@event))}";
        return [new ProviderRequest(HttpMethod.Put, ProviderText.Url(url), ProviderText.Json(payload), [ProviderText.Bearer(provider.Token ?? "")])];
    }
}
