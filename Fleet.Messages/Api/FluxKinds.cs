using Fleet.Messages.Api.Helm;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Image;
using Fleet.Messages.Api.Notification;
using Fleet.Messages.Api.Source;

namespace Fleet.Messages.Api;

/// <summary>Every Flux kind Fleet serves, in one table that routing, watching and the CRDs read.</summary>
public static class FluxKinds
{
    public static readonly FluxKind GitRepository = new(
        "GitRepository", FluxGroups.Source, "v1", "gitrepositories", "gitrepository", ["gitrepo"], "git-repository", typeof(GitRepository))
    {
        Controller = FluxControllers.Source,
    };

    public static readonly FluxKind HelmRepository = new(
        "HelmRepository", FluxGroups.Source, "v1", "helmrepositories", "helmrepository", ["helmrepo"], "helm-repository", typeof(HelmRepository))
    {
        Controller = FluxControllers.Source,
    };

    public static readonly FluxKind HelmChart = new(
        "HelmChart", FluxGroups.Source, "v1", "helmcharts", "helmchart", ["hc"], "helm-chart", typeof(HelmChart))
    {
        Controller = FluxControllers.Source,
    };

    public static readonly FluxKind OCIRepository = new(
        "OCIRepository", FluxGroups.Source, "v1", "ocirepositories", "ocirepository", ["ocirepo"], "oci-repository", typeof(OCIRepository))
    {
        Controller = FluxControllers.Source,
    };

    public static readonly FluxKind Bucket = new(
        "Bucket", FluxGroups.Source, "v1", "buckets", "bucket", [], "bucket", typeof(Bucket))
    {
        Controller = FluxControllers.Source,
    };

    public static readonly FluxKind Kustomization = new(
        "Kustomization", FluxGroups.Kustomize, "v1", "kustomizations", "kustomization", ["ks"], "kustomization", typeof(Kustomization))
    {
        Controller = FluxControllers.Kustomize,
    };

    public static readonly FluxKind HelmRelease = new(
        "HelmRelease", FluxGroups.Helm, "v2", "helmreleases", "helmrelease", ["hr"], "helm-release", typeof(HelmRelease))
    {
        Controller = FluxControllers.Helm,
    };

    public static readonly FluxKind Provider = new(
        "Provider", FluxGroups.Notification, "v1beta3", "providers", "provider", [], "provider", typeof(Provider), Reconciled: false)
    {
        Controller = FluxControllers.Notification,
    };

    public static readonly FluxKind Alert = new(
        "Alert", FluxGroups.Notification, "v1beta3", "alerts", "alert", [], "alert", typeof(Alert), Reconciled: false)
    {
        Controller = FluxControllers.Notification,
    };

    public static readonly FluxKind Receiver = new(
        "Receiver", FluxGroups.Notification, "v1", "receivers", "receiver", [], "receiver", typeof(Receiver))
    {
        Controller = FluxControllers.Notification,
    };

    public static readonly FluxKind ImageRepository = new(
        "ImageRepository", FluxGroups.Image, "v1", "imagerepositories", "imagerepository", ["imgrepo", "imagerepo"], "image-repository", typeof(ImageRepository))
    {
        AlternateVersions = ["v1beta2"],
        Controller = FluxControllers.ImageReflector,
    };

    public static readonly FluxKind ImagePolicy = new(
        "ImagePolicy", FluxGroups.Image, "v1", "imagepolicies", "imagepolicy", ["imgpol", "imagepol"], "image-policy", typeof(ImagePolicy))
    {
        AlternateVersions = ["v1beta2"],
        Controller = FluxControllers.ImageReflector,
    };

    public static readonly FluxKind ImageUpdateAutomation = new(
        "ImageUpdateAutomation", FluxGroups.Image, "v1", "imageupdateautomations", "imageupdateautomation", ["iua", "imgupd", "imgauto"], "image-update-automation", typeof(ImageUpdateAutomation))
    {
        AlternateVersions = ["v1beta2"],
        Controller = FluxControllers.ImageAutomation,
    };

    public static readonly IReadOnlyList<FluxKind> All =
    [
        GitRepository,
        HelmRepository,
        HelmChart,
        OCIRepository,
        Bucket,
        Kustomization,
        HelmRelease,
        Provider,
        Alert,
        Receiver,
        ImageRepository,
        ImagePolicy,
        ImageUpdateAutomation,
    ];

    /// <summary>The kinds an entity reconciles; the others (Provider, Alert) are static objects that others read.</summary>
    public static readonly IReadOnlyList<FluxKind> Reconciled = [.. All.Where(k => k.Reconciled)];

    public static FluxKind? Find(string kind) => All.FirstOrDefault(k => k.Kind == kind);
}
