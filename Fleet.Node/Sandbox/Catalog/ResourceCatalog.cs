namespace Fleet.Node.Sandbox.Catalog;

/// <summary>
/// The resources the server serves right now: the built-ins plus the versions of every established CRD. Lookups
/// and replacement are thread-safe; a CRD's resources appear the moment <see cref="SetCustom"/> is called.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyList<ResourceType>> _custom = new(StringComparer.Ordinal);
    private IReadOnlyList<ResourceType> _all = BuiltInResources.All;

    public IReadOnlyList<ResourceType> All
    {
        get
        {
            lock (_gate)
            {
                return _all;
            }
        }
    }

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    public ResourceType? FindKind(string group, string version, string kind) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Kind == kind);

    /// <summary>The resources of one group version, or null when the group version is not served.</summary>
    public IReadOnlyList<ResourceType>? InGroupVersion(string group, string version)
    {
        var found = All.Where(r => r.Group == group && r.Version == version).ToList();
        return found.Count == 0 ? null : found;
    }

    /// <summary>Served groups (core excluded) with their versions, preferred version first.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        [.. All.Where(r => r.Group.Length > 0)
            .GroupBy(r => r.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(r => r.Version).Distinct()]))];

    /// <summary>Publishes (or, with an empty list, withdraws) the resources defined by the CRD named <paramref name="crdName"/>.</summary>
    public void SetCustom(string crdName, IReadOnlyList<ResourceType> resources)
    {
        lock (_gate)
        {
            if (resources.Count == 0)
            {
                _custom.Remove(crdName);
            }
            else
            {
                _custom[crdName] = resources;
            }

            _all = [.. BuiltInResources.All, .. _custom.Values.SelectMany(r => r)];
        }
    }
}
