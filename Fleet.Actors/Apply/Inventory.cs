using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Apply;

/// <summary>
/// Flux's inventory (<c>status.inventory</c>): one entry per applied object, id
/// <c>&lt;namespace&gt;_&lt;name&gt;_&lt;group&gt;_&lt;kind&gt;</c> plus the version. For RBAC kinds a <c>:</c> in a name is
/// written <c>__</c>, so ids stay parseable.
/// </summary>
public static class Inventory
{
    private static readonly HashSet<string> RbacKinds = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

    public static string IdOf(ObjectRef o)
    {
        var name = o.Group == "rbac.authorization.k8s.io" && RbacKinds.Contains(o.Kind)
            ? o.Name.Replace(":", "__", StringComparison.Ordinal)
            : o.Name;
        return $"{o.Namespace}_{name}_{o.Group}_{o.Kind}";
    }

    /// <summary>Reads an entry back; throws <see cref="FormatException"/> for an id that is not Flux's format.</summary>
    public static ObjectRef Parse(ResourceRef entry)
    {
        var id = entry.Id;
        var first = id.IndexOf('_', StringComparison.Ordinal);
        var last = id.LastIndexOf('_');
        var beforeLast = last > 0 ? id.LastIndexOf('_', last - 1) : -1;
        if (first < 0 || beforeLast <= first)
        {
            throw new FormatException($"invalid inventory id '{id}'");
        }

        var name = id[(first + 1)..beforeLast].Replace("__", ":", StringComparison.Ordinal);
        if (name.Length == 0 || name.Contains('_', StringComparison.Ordinal))
        {
            throw new FormatException($"invalid inventory id '{id}'");
        }

        return new ObjectRef(id[(beforeLast + 1)..last], entry.Version, id[(last + 1)..], id[..first], name);
    }

    /// <summary>The inventory of a change set: every entry, skipped ones included, in change-set order.</summary>
    public static ResourceInventory From(ChangeSet changeSet) =>
        new() { Entries = [.. changeSet.Entries.Select(e => new ResourceRef { Id = IdOf(e.Object), Version = e.Object.Version })] };

    /// <summary>The objects of <paramref name="old"/> missing from <paramref name="new"/>, by id, in delete order.</summary>
    public static IReadOnlyList<ObjectRef> Stale(ResourceInventory? old, ResourceInventory @new)
    {
        if (old is null)
        {
            return [];
        }

        var current = @new.Entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var stale = old.Entries.Where(e => !current.Contains(e.Id)).DistinctBy(e => e.Id).Select(Parse);
        return ApplyOrder.SortForDelete(stale, o => o);
    }
}
