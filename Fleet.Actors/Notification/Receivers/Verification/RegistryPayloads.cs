using System.Text.Json.Serialization;

namespace Fleet.Actors.Notification.Receivers.Verification;

/// <summary>The fields Flux decodes from each registry's notification; decoding them is the check that the body is one.</summary>
public static class RegistryPayloads
{
    public sealed record Quay(
        [property: JsonPropertyName("docker_url")] string? DockerUrl,
        [property: JsonPropertyName("updated_tags")] IReadOnlyList<string>? UpdatedTags);

    public sealed record DockerHub(
        [property: JsonPropertyName("push_data")] DockerHubPushData? PushData,
        [property: JsonPropertyName("repository")] DockerHubRepository? Repository);

    public sealed record DockerHubPushData([property: JsonPropertyName("tag")] string? Tag);

    public sealed record DockerHubRepository([property: JsonPropertyName("repo_url")] string? Url);

    public sealed record Nexus(
        [property: JsonPropertyName("action")] string? Action,
        [property: JsonPropertyName("repositoryName")] string? RepositoryName);

    public sealed record Acr([property: JsonPropertyName("action")] string? Action, [property: JsonPropertyName("target")] AcrTarget? Target);

    public sealed record AcrTarget([property: JsonPropertyName("repository")] string? Repository, [property: JsonPropertyName("tag")] string? Tag);
}
