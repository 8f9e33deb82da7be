using Fleet.Messages.Api.Image;
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

    public static readonly FluxKind ImageRepository = new(
        "ImageRepository", FluxGroups.Image, "v1", "imagerepositories", "imagerepository", ["imgrepo", "imagerepo"], "image-repository", typeof(ImageRepository))
    {
        AlternateVersions = ["v1beta2"],
    };

    public static readonly FluxKind ImagePolicy = new(
        "ImagePolicy", FluxGroups.Image, "v1", "imagepolicies", "imagepolicy", ["imgpol", "imagepol"], "image-policy", typeof(ImagePolicy))
    {
        AlternateVersions = ["v1beta2"],
    };

    public static readonly FluxKind ImageUpdateAutomation = new(
        "ImageUpdateAutomation", FluxGroups.Image, "v1", "imageupdateautomations", "imageupdateautomation", ["iua", "imgupd", "imgauto"], "image-update-automation", typeof(ImageUpdateAutomation))
    {
        AlternateVersions = ["v1beta2"],
    };

    public static readonly IReadOnlyList<FluxKind> All =
    [
        GitRepository,
        Provider,
        Alert,
        Receiver,
        ImageRepository,
        ImagePolicy,
        ImageUpdateAutomation,
    ];

    public static FluxKind? Find(string kind) => All.FirstOrDefault(k => k.Kind == kind);
}
