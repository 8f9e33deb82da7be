using Fleet.Actors.Reconciliation;
using Fleet.Messages;

namespace Fleet.Actors.Toolkit;

/// <summary>Flux's multi-tenancy lockdown: cross-namespace references and the default service account.</summary>
public static class Tenancy
{
    /// <summary>Flux's reason for a reference an ACL refuses (fluxcd/pkg apis/acl).</summary>
    public const string AccessDenied = "AccessDenied";

    /// <summary>
    /// With <see cref="ControllerFlags.NoCrossNamespaceRefs"/>, a reference into another namespace stalls the object with
    /// Flux's message: nothing but a change of the object can make it acceptable. Null when allowed.
    /// </summary>
    public static ReconcileResult? CrossNamespaceRefused(ControllerFlags flags, ObjectKey consumer, ObjectKey target) =>
        flags.NoCrossNamespaceRefs && target.Namespace != consumer.Namespace
            ? ReconcileResult.Stall(AccessDenied, $"can't access '{target.Kind}/{target.Namespace}/{target.Name}', cross-namespace references have been blocked")
            : null;

    /// <summary>The service account a run acts as: the object's own, else the controller's default, else none (the controller itself).</summary>
    public static string? ServiceAccountFor(ControllerFlags flags, string? named) =>
        string.IsNullOrEmpty(named) ? flags.DefaultServiceAccount : named;
}
