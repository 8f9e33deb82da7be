using System.Collections.Immutable;
using Fleet.Actors.Kube;
using Fleet.Actors.Notification;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Notification;
using k8s.Models;

namespace Fleet.Tests.Notification;

/// <summary>Alerts, Providers and Kustomization events as the tests use them.</summary>
public static class NotificationSamples
{
    public const string Revision = "main@sha1:0123456789abcdef0123456789abcdef01234567";
    public static readonly DateTimeOffset At = new(2026, 12, 8, 3, 20, 49, TimeSpan.Zero);

    /// <summary>A Kustomization's failure, as its entity records it (revision under the kind's group).</summary>
    public static FluxEvent Failure(string name = "apps", string ns = "flux-system", string message = "kustomize build failed: missing resource") =>
        FluxEvents.From(FluxKinds.Kustomization, new ObjectKey("Kustomization", ns, name), "8a5f2c1d-0000-4000-8000-000000000001",
            new ObjectEvent(ObjectEvent.Warning, ConditionReasons.BuildFailed, message)
            {
                Annotations = ImmutableDictionary<string, string>.Empty.Add(FluxEventMetadata.RevisionKey(FluxKinds.Kustomization), Revision),
            },
            "node-1",
            At);

    /// <summary>The same Kustomization's recovery, tagged for commit statuses as Flux tags a successful run.</summary>
    public static FluxEvent Recovery(string name = "apps", string ns = "flux-system") =>
        FluxEvents.From(FluxKinds.Kustomization, new ObjectKey("Kustomization", ns, name), "8a5f2c1d-0000-4000-8000-000000000001",
            new ObjectEvent(ObjectEvent.Normal, ConditionReasons.ReconciliationSucceeded, $"Reconciliation finished in 1.2s, next run in 10m0s")
            {
                Annotations = FluxEventMetadata.CommitStatus(FluxGroups.Kustomize, Revision),
            },
            "node-1",
            At.AddSeconds(30));

    public static Alert Alert(string name, string provider, string severity = EventSeverities.Info, string ns = "flux-system", IReadOnlyList<string>? exclusions = null, string sourceNamespace = "flux-system") => new()
    {
        ApiVersion = "notification.toolkit.fluxcd.io/v1beta3",
        Kind = "Alert",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new AlertSpec
        {
            ProviderRef = new LocalObjectReference { Name = provider },
            EventSeverity = severity,
            EventSources = [new NotificationObjectReference { Kind = "Kustomization", Name = "*", Namespace = sourceNamespace }],
            ExclusionList = exclusions,
        },
    };

    public static Provider Provider(string name, string type, string address, string ns = "flux-system", LocalObjectReference? secret = null) => new()
    {
        ApiVersion = "notification.toolkit.fluxcd.io/v1beta3",
        Kind = "Provider",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = "5d3b7a9e-1111-4222-8333-444455556666" },
        Spec = new ProviderSpec { Type = type, Address = address, SecretRef = secret },
    };

    public static ProviderSettings Settings(string type, string address, string? token = null, string? channel = null) => new()
    {
        Type = type,
        Name = "p",
        Namespace = "flux-system",
        Uid = "5d3b7a9e-1111-4222-8333-444455556666",
        Address = address,
        Token = token,
        Channel = channel,
    };
}
