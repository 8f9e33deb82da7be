using Fleet.Messages.Api.Notification;
using Fleet.Messages.Api.Source;

namespace Fleet.Messages.Api;

/// <summary>Every Flux kind Fleet serves, in one table that routing, watching and the CRDs read.</summary>
public static class FluxKinds
{
    public static readonly FluxKind GitRepository = new(
        "GitRepository", FluxGroups.Source, "v1", "gitrepositories", "gitrepository", ["gitrepo"], "git-repository", typeof(GitRepository));

    public static readonly FluxKind Provider = new(
        "Provider", FluxGroups.Notification, "v1beta3", "providers", "provider", [], "provider", typeof(Provider), Reconciled: false);

    public static readonly FluxKind Alert = new(
        "Alert", FluxGroups.Notification, "v1beta3", "alerts", "alert", [], "alert", typeof(Alert), Reconciled: false);

    public static readonly FluxKind Receiver = new(
        "Receiver", FluxGroups.Notification, "v1", "receivers", "receiver", [], "receiver", typeof(Receiver));

    public static readonly IReadOnlyList<FluxKind> All =
    [
        GitRepository,
        Provider,
        Alert,
        Receiver,
    ];

    public static FluxKind? Find(string kind) => All.FirstOrDefault(k => k.Kind == kind);
}
