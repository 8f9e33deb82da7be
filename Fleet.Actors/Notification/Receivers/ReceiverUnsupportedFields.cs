using Fleet.Actors.Notification.Receivers.Verification;
using Fleet.Actors.Toolkit;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Receivers;

/// <summary>
/// The Receiver settings Fleet refuses: CEL filters (Flux's InvalidCELExpression reason, since Fleet evaluates no CEL),
/// generic-oidc (OIDC discovery and CEL claims checks) and gcr (Google's signing keys).
/// </summary>
public static class ReceiverUnsupportedFields
{
    public static UnsupportedFields<ReceiverSpec> Fields { get; } = new(
        new UnsupportedField<ReceiverSpec>(
            spec => spec.Type == ReceiverTypes.Gcr ? "spec.type 'gcr'" : null,
            ReceiverReasons.ValidationFailed,
            Wording: _ => $"{ReceiverReasons.TerminalPrefix}: {ReceiverVerifier.GcrRefusal}"),
        new UnsupportedField<ReceiverSpec>(
            spec => spec.Type == ReceiverTypes.GenericOidc ? "spec.type 'generic-oidc'" : null, ReceiverReasons.ValidationFailed),
        new UnsupportedField<ReceiverSpec>(spec => spec.ResourceFilter is { Length: > 0 } ? "spec.resourceFilter" : null, ConditionReasons.InvalidCELExpression),
        new UnsupportedField<ReceiverSpec>(
            spec => spec.Resources.Select((r, i) => (r, i)).Where(x => x.r.Filter is { Length: > 0 }).Select(x => $"spec.resources[{x.i}].filter").FirstOrDefault(),
            ConditionReasons.InvalidCELExpression));
}
