namespace Fleet.Messages.Api;

/// <summary>Flux's controllers, as they name themselves on the Events they record (<c>reportingController</c>, <c>source.component</c>).</summary>
public static class FluxControllers
{
    public const string Source = "source-controller";
    public const string Kustomize = "kustomize-controller";
    public const string Helm = "helm-controller";
    public const string Notification = "notification-controller";
    public const string ImageReflector = "image-reflector-controller";
    public const string ImageAutomation = "image-automation-controller";
}
