using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// The pull/merge-request comment types: Flux's markdown status post, headed by a hidden key marker, as a comment on the
/// request the object's <c>event.toolkit.fluxcd.io/change_request</c> annotation names.
/// </summary>
public sealed class ChangeRequestCommentNotifier(string type, NotifierEndpoints endpoints) : INotifier
{
    private const string ChangeRequestKey = "change_request";

    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var number = @event.Metadata?.GetValueOrDefault(ChangeRequestKey) is { Length: > 0 } n && n.All(char.IsAsciiDigit)
            ? n
            : throw new ProviderRefusedException("missing or invalid change request metadata: expected a pull or merge request number");
        var involved = @event.InvolvedObject;
        var prefix = type == ProviderTypes.GitLabMergeRequestComment ? "flux-mr-comment-key" : "flux-pr-comment-key";
        var marker = $"<!-- {prefix}:{provider.Uid}/{involved.Kind}/{involved.Namespace}/{involved.Name} -->";
        var body = ProviderText.Json(new JsonObject { ["body"] = $"{marker}\n\n{MarkdownPost.Format(@event)}" });
        switch (type)
        {
            case ProviderTypes.GitHubPullRequestComment:
                {
                    var (host, owner, repo) = ProviderText.OwnerAndRepo(provider.Address);
                    var token = ProviderText.RequireToken(provider, "github token");
                    return [ProviderRequest.Post($"{endpoints.GitHubApiFor(host)}/repos/{owner}/{repo}/issues/{number}/comments", body, CommitStatusNotifier.GitHubHeaders(token))];
                }
            case ProviderTypes.GitLabMergeRequestComment:
                {
                    var (host, id) = ProviderText.GitAddress(provider.Address);
                    var token = provider.Token is { Length: > 0 } t ? t : provider.Password is { Length: > 0 } p ? p : throw new ProviderRefusedException("gitlab token cannot be empty");
                    return [ProviderRequest.Post($"{host}/api/v4/projects/{Uri.EscapeDataString(id)}/merge_requests/{number}/notes", body, ProviderText.Header("PRIVATE-TOKEN", token))];
                }
            default:
                {
                    var (host, owner, repo) = ProviderText.OwnerAndRepo(provider.Address);
                    return [ProviderRequest.Post($"{host}/api/v1/repos/{owner}/{repo}/issues/{number}/comments", body, CommitStatusNotifier.GiteaAuth(provider))];
                }
        }
    }
}
