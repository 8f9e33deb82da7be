using System.Security.Cryptography;
using System.Text;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// <c>generic</c> and <c>generic-hmac</c>: the event as JSON with <c>gotk-component</c> naming the controller and the secret's
/// headers; with HMAC, <c>X-Signature: sha256=&lt;hex HMAC-SHA256 of the body keyed by the token&gt;</c>.
/// </summary>
public sealed class GenericNotifier(bool hmac) : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var body = ProviderText.Json(@event);
        var headers = new List<KeyValuePair<string, string>> { ProviderText.Header("gotk-component", @event.ReportingController) };
        headers.AddRange(provider.Headers);
        if (hmac)
        {
            var key = provider.Token is { Length: > 0 } token ? token : throw new ProviderRefusedException("HMAC key is empty");
            headers.Add(ProviderText.Header("X-Signature", "sha256=" + Sign(body, key)));
        }
        return [ProviderRequest.Post(provider.Address, body, headers)];
    }

    public static string Sign(string body, string key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body)));
}
