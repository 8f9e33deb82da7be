namespace Fleet.Actors.Notification.Providers;

/// <summary>The fixed service APIs some providers call whatever their address says; tests point them at loopback sinks.</summary>
public sealed record NotifierEndpoints
{
    public string TelegramApi { get; init; } = TelegramNotifier.DefaultApi;

    /// <summary>Where github.com repositories are served; any other host is GitHub Enterprise at <c>host/api/v3</c>.</summary>
    public string GitHubApi { get; init; } = "https://api.github.com";

    public string BitbucketApi { get; init; } = "https://api.bitbucket.org/2.0";

    /// <summary>The API of the GitHub repository <paramref name="host"/> serves.</summary>
    public string GitHubApiFor(string host) => new Uri(host).Host == "github.com" ? GitHubApi : host + "/api/v3";
}
