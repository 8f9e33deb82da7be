using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// The commit-status types: the Kustomization's result (success or failure by severity, the reason in words as description)
/// posted to the commit its revision metadata names, under the Provider's commit status name. Progressing events are skipped,
/// except by Gitea, which shows them as pending.
/// </summary>
public sealed class CommitStatusNotifier(string type, NotifierEndpoints endpoints) : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        if (ProviderText.IsProgressing(@event) && type != ProviderTypes.Gitea)
        {
            return [];
        }
        var commit = ProviderText.CommitOf(@event);
        var (name, description) = ProviderText.NameAndDescription(@event);
        var context = provider.CommitStatusFor(@event.InvolvedObject.Kind, @event.InvolvedObject.Name);
        var error = ProviderText.IsError(@event);
        return [type switch
        {
            ProviderTypes.GitHub => GitHub(provider, commit, error, description, context),
            ProviderTypes.GitLab => GitLab(provider, commit, error, description, context),
            ProviderTypes.Gitea => Gitea(provider, commit, ProviderText.IsProgressing(@event) ? "pending" : error ? "failure" : "success", description, context),
            ProviderTypes.Bitbucket => Bitbucket(provider, commit, error, name, description, context),
            ProviderTypes.BitbucketServer => BitbucketServer(provider, commit, error, name, description, context),
            ProviderTypes.AzureDevOps => AzureDevOps(provider, @event, commit, error, description, context),
            _ => throw new ProviderRefusedException($"'{type}' is not a commit status provider"),
        }];
    }

    private ProviderRequest GitHub(ProviderSettings provider, string commit, bool error, string description, string context)
    {
        var (host, owner, repo) = ProviderText.OwnerAndRepo(provider.Address);
        var token = ProviderText.RequireToken(provider, "github token");
        var body = new JsonObject { ["state"] = error ? "failure" : "success", ["description"] = description, ["context"] = context };
        return ProviderRequest.Post($"{endpoints.GitHubApiFor(host)}/repos/{owner}/{repo}/statuses/{commit}", ProviderText.Json(body), GitHubHeaders(token));
    }

    private static ProviderRequest GitLab(ProviderSettings provider, string commit, bool error, string description, string context)
    {
        var (host, id) = ProviderText.GitAddress(provider.Address);
        var token = provider.Token is { Length: > 0 } t ? t : provider.Password is { Length: > 0 } p ? p : throw new ProviderRefusedException("gitlab token cannot be empty");
        var body = new JsonObject { ["state"] = error ? "failed" : "success", ["name"] = context, ["description"] = description };
        return ProviderRequest.Post($"{host}/api/v4/projects/{Uri.EscapeDataString(id)}/statuses/{commit}", ProviderText.Json(body), ProviderText.Header("PRIVATE-TOKEN", token));
    }

    private static ProviderRequest Gitea(ProviderSettings provider, string commit, string state, string description, string context)
    {
        var (host, owner, repo) = ProviderText.OwnerAndRepo(provider.Address);
        var body = new JsonObject { ["state"] = state, ["target_url"] = "", ["description"] = description, ["context"] = context };
        return ProviderRequest.Post($"{host}/api/v1/repos/{owner}/{repo}/statuses/{commit}", ProviderText.Json(body), GiteaAuth(provider));
    }

    private ProviderRequest Bitbucket(ProviderSettings provider, string commit, bool error, string name, string description, string context)
    {
        var (_, owner, repo) = ProviderText.OwnerAndRepo(provider.Address);
        var token = ProviderText.RequireToken(provider, "bitbucket token");
        var credentials = token.Split(':');
        if (credentials.Length != 2)
        {
            throw new ProviderRefusedException("invalid token format, expected to be <user>:<password>");
        }
        var body = new JsonObject
        {
            ["state"] = error ? "FAILED" : "SUCCESSFUL",
            ["key"] = ProviderText.Sha1Hex(context),
            ["name"] = name,
            ["description"] = description,
            ["url"] = "https://bitbucket.org",
        };
        return ProviderRequest.Post(
            $"{endpoints.BitbucketApi}/repositories/{owner}/{repo}/commit/{commit}/statuses/build",
            ProviderText.Json(body),
            ProviderText.Header("Authorization", "Basic " + ProviderText.Basic(credentials[0], credentials[1])));
    }

    private static ProviderRequest BitbucketServer(ProviderSettings provider, string commit, bool error, string name, string description, string context)
    {
        var url = ProviderText.Url(provider.Address);
        var path = url.AbsolutePath.EndsWith(".git", StringComparison.Ordinal) ? url.AbsolutePath[..^4] : url.AbsolutePath;
        var scm = path.LastIndexOf("/scm/", StringComparison.Ordinal);
        var id = scm < 0 ? [] : path[(scm + "/scm/".Length)..].Split('/');
        if (id.Length != 2)
        {
            throw new ProviderRefusedException("invalid Bitbucket Server address: expected <host>[/context]/scm/<project>/<repository>");
        }
        string auth = provider.Token is { Length: > 0 } token
            ? "Bearer " + token
            : provider is { Username.Length: > 0, Password.Length: > 0 }
                ? "Basic " + ProviderText.Basic(provider.Username, provider.Password)
                : throw new ProviderRefusedException("invalid credentials, expected to be one of username/password or API Token");
        var body = new JsonObject
        {
            ["description"] = description,
            ["key"] = ProviderText.Sha1Hex(context),
            ["name"] = $"{name} [{description}]",
            ["state"] = error ? "FAILED" : "SUCCESSFUL",
            ["url"] = provider.Address,
        };
        return ProviderRequest.Post(
            $"{url.Scheme}://{url.Authority}{path[..scm]}/rest/api/latest/projects/{id[0]}/repos/{id[1]}/commits/{commit}/builds",
            ProviderText.Json(body),
            ProviderText.Header("Authorization", auth),
            ProviderText.Header("x-atlassian-token", "no-check"),
            ProviderText.Header("x-requested-with", "XMLHttpRequest"));
    }

    private static ProviderRequest AzureDevOps(ProviderSettings provider, FluxEvent @event, string commit, bool error, string description, string context)
    {
        var (host, id) = ProviderText.GitAddress(provider.Address);
        var parts = id.Split('/');
        if (parts.Length != 4)
        {
            throw new ProviderRefusedException($"invalid repository id \"{id}\": expected <organization>/<project>/_git/<repository>");
        }
        var token = ProviderText.RequireToken(provider, "azure devops token");
        var genre = @event.Metadata?.GetValueOrDefault(EventMetadata.SummaryKey) is { } summary ? $"fluxcd:{summary}" : "fluxcd";
        var body = new JsonObject
        {
            ["state"] = error ? "error" : "succeeded",
            ["description"] = description,
            ["context"] = new JsonObject { ["genre"] = genre, ["name"] = context },
        };
        return ProviderRequest.Post(
            $"{host}/{parts[0]}/{parts[1]}/_apis/git/repositories/{parts[3]}/commits/{commit}/statuses?api-version=6.0",
            ProviderText.Json(body),
            ProviderText.Header("Authorization", "Basic " + ProviderText.Basic("", token)));
    }

    /// <summary>GitHub's REST headers with a bearer token.</summary>
    public static IEnumerable<KeyValuePair<string, string>> GitHubHeaders(string token) =>
        [ProviderText.Bearer(token), ProviderText.Header("Accept", "application/vnd.github+json"), ProviderText.Header("X-GitHub-Api-Version", "2022-11-28")];

    /// <summary>Gitea's token, or basic auth from username and password.</summary>
    public static KeyValuePair<string, string> GiteaAuth(ProviderSettings provider) =>
        provider.Token is { Length: > 0 } token
            ? ProviderText.Header("Authorization", "token " + token)
            : provider is { Username.Length: > 0, Password.Length: > 0 }
                ? ProviderText.Header("Authorization", "Basic " + ProviderText.Basic(provider.Username, provider.Password))
                : throw new ProviderRefusedException("gitea token cannot be empty");
}
