using System.Text;
using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// Telegram's Bot API <c>sendMessage</c> at <paramref name="apiBase"/>/bot&lt;token&gt;, MarkdownV2 escaped; a <c>channel</c> of
/// <c>chat:thread</c> posts into a forum topic.
/// </summary>
public sealed class TelegramNotifier(string apiBase) : INotifier
{
    public const string DefaultApi = "https://api.telegram.org";
    private const string Reserved = "\\.-_[]()~>`#+=|{}!*";

    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var channel = provider.Channel is { Length: > 0 } c ? c : throw new ProviderRefusedException("empty channel");
        var token = ProviderText.RequireToken(provider, "token");
        var involved = @event.InvolvedObject;
        var heading = $"{(ProviderText.IsError(@event) ? "🚨" : "💫")} {involved.Kind.ToLowerInvariant()}/{involved.Name}/{involved.Namespace}";
        var metadata = new StringBuilder();
        foreach (var (key, value) in ProviderText.Metadata(@event))
        {
            metadata.Append($"\\- *{Escape(key)}*: {Escape(value)}\n");
        }
        var colon = channel.IndexOf(':', StringComparison.Ordinal);
        var payload = new JsonObject
        {
            ["chat_id"] = colon >= 0 ? channel[..colon] : channel,
        };
        if (colon >= 0)
        {
            payload["message_thread_id"] = channel[(colon + 1)..];
        }
        payload["text"] = $"*{Escape(heading)}*\n{Escape(@event.Message)}\n{metadata}";
        payload["parse_mode"] = "MarkdownV2";
        return [ProviderRequest.Post($"{apiBase.TrimEnd('/')}/bot{token}/sendMessage", ProviderText.Json(payload))];
    }

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (Reserved.Contains(ch, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }
            escaped.Append(ch);
        }
        return escaped.ToString();
    }
}
