using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// The kinds a node reconciles, each registered by its domain (<c>AddSourceControllers()</c>, ...) with its retry rule and
/// how to create its reconcilers from the node's <typeparamref name="TServices"/>. Kinds without a registration, and every
/// kind on a node without services (no API server), report in their status that Fleet does not reconcile them yet.
/// </summary>
public sealed class ReconcilerRegistry<TServices>
    where TServices : class
{
    private readonly Dictionary<string, Registration> _kinds = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers <paramref name="kind"/>. <paramref name="setUp"/> runs once per node, when its first entity starts (it may
    /// create what the node's reconcilers of the kind share), and returns how to create each entity's reconciler.
    /// </summary>
    public ReconcilerRegistry<TServices> Add(FluxKind kind, RetryRule retry, Func<TServices, Func<ObjectKey, IObjectReconciler>> setUp)
    {
        if (!_kinds.TryAdd(kind.Kind, new Registration(retry, setUp)))
        {
            throw new InvalidOperationException($"{kind.Kind} is registered twice");
        }
        return this;
    }

    /// <summary>The catalog of a node with <paramref name="services"/>, or of a node without them.</summary>
    public IReconcilerCatalog CatalogFor(TServices? services) =>
        new Catalog(_kinds.ToDictionary(
            k => k.Key,
            k => (k.Value.Retry, services is null ? null : new Lazy<Func<ObjectKey, IObjectReconciler>>(() => k.Value.SetUp(services)))));

    private sealed record Registration(RetryRule Retry, Func<TServices, Func<ObjectKey, IObjectReconciler>> SetUp);

    private sealed class Catalog(IReadOnlyDictionary<string, (RetryRule Retry, Lazy<Func<ObjectKey, IObjectReconciler>>? Create)> kinds)
        : IReconcilerCatalog
    {
        public IObjectReconciler Create(FluxKind kind, ObjectKey key) =>
            kinds.TryGetValue(kind.Kind, out var registered) && registered.Create is { } create
                ? create.Value(key)
                : new UnimplementedKindReconciler(kind.Kind);

        public RetryRule RetryRuleOf(FluxKind kind) => kinds.TryGetValue(kind.Kind, out var registered) ? registered.Retry : RetryRule.Backoff;
    }
}
