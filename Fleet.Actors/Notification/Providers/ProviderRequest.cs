namespace Fleet.Actors.Notification.Providers;

/// <summary>One HTTP call a provider makes for an event: method, URL, body and headers, exactly as sent.</summary>
public sealed record ProviderRequest(HttpMethod Method, Uri Url, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public string ContentType { get; init; } = "application/json";

    /// <summary>A JSON POST to <paramref name="url"/>.</summary>
    public static ProviderRequest Post(string url, string body, params IEnumerable<KeyValuePair<string, string>> headers) =>
        new(HttpMethod.Post, ProviderText.Url(url), body, [.. headers]);
}
