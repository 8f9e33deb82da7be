using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>GitHub's repository_dispatch: event type <c>Kind/name.namespace</c>, the whole event as client payload.</summary>
public sealed class GitHubDispatchNotifier(NotifierEndpoints endpoints) : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var (host, owner, repo) = ProviderText.OwnerAndRepo(provider.Address);
        var token = ProviderText.RequireToken(provider, "github token");
        var involved = @event.InvolvedObject;
        var body = new JsonObject { ["event_type"] = $"{involved.Kind}/{involved.Name}.{involved.Namespace}", ["client_payload"] = ProviderText.EventNode(@event) };
        return [ProviderRequest.Post($"{endpoints.GitHubApiFor(host)}/repos/{owner}/{repo}/dispatches", ProviderText.Json(body), CommitStatusNotifier.GitHubHeaders(token))];
    }
}
