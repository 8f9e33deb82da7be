using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Notification;

/// <summary>Flux's defaults for notification objects, applied by readers (never written into an object).</summary>
public static class NotificationDefaults
{
    /// <summary>Time limit for delivering one event when a Provider sets no timeout.</summary>
    public static readonly GoDuration ProviderTimeout = GoDuration.Parse("15s");

    /// <summary>Expected token audience of a generic-oidc Receiver's provider that sets none.</summary>
    public const string OidcAudience = "notification-controller";

    /// <summary>Prefix of every Receiver's webhook path.</summary>
    public const string WebhookPathPrefix = "/hook/";
}
