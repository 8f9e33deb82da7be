using System.Net;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>Zulip: a form-encoded stream message to <c>/api/v1/messages</c>, <c>channel</c> being <c>stream/topic</c>, with basic auth.</summary>
public sealed class ZulipNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var url = new UriBuilder(ProviderText.Url(provider.Address)) { Path = "/api/v1/messages" }.Uri;
        var parts = (provider.Channel ?? "").Split('/', 2);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ProviderRefusedException($"invalid channel \"{provider.Channel}\": expected stream/topic");
        }
        // In key order with '+' for spaces, as Go's url.Values encodes.
        var form = string.Join("&", new[] { ("content", MarkdownPost.Format(@event)), ("to", parts[0]), ("topic", parts[1]), ("type", "stream") }
            .Select(p => $"{WebUtility.UrlEncode(p.Item1)}={WebUtility.UrlEncode(p.Item2)}"));
        return [new ProviderRequest(HttpMethod.Post, url, form, [ProviderText.Header("Authorization", "Basic " + ProviderText.Basic(provider.Username ?? "", provider.Password ?? ""))])
        {
            ContentType = "application/x-www-form-urlencoded",
        }];
    }
}
