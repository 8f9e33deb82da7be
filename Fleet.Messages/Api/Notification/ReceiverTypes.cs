namespace Fleet.Messages.Api.Notification;

/// <summary>The webhook senders a Receiver understands; each decides how a request is verified and read.</summary>
public static class ReceiverTypes
{
    public const string Generic = "generic";
    public const string GenericHmac = "generic-hmac";
    public const string GenericOidc = "generic-oidc";
    public const string GitHub = "github";
    public const string GitLab = "gitlab";
    public const string Bitbucket = "bitbucket";
    public const string Harbor = "harbor";
    public const string DockerHub = "dockerhub";
    public const string Quay = "quay";
    public const string Gcr = "gcr";
    public const string Nexus = "nexus";
    public const string Acr = "acr";
    public const string CDEvents = "cdevents";
}
