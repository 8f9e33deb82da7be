namespace Fleet.Messages.Api;

/// <summary>Flux's API groups.</summary>
public static class FluxGroups
{
    public const string Source = "source.toolkit.fluxcd.io";
    public const string Kustomize = "kustomize.toolkit.fluxcd.io";
    public const string Helm = "helm.toolkit.fluxcd.io";
    public const string Notification = "notification.toolkit.fluxcd.io";
    public const string Image = "image.toolkit.fluxcd.io";
}
