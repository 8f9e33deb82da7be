using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Commands.Cli;

namespace Fleet.Node.Commands.Tree;

/// <summary>
/// A Kustomization's or HelmRelease's inventory as a tree, as <c>flux tree</c> draws it: <c>Kind/namespace/name</c>
/// (no namespace for cluster-scoped objects), with the inventories of nested Kustomizations and HelmReleases expanded.
/// </summary>
public sealed class InventoryTree(FluxObjects objects)
{
    /// <summary>Deep enough for any real nesting; a cycle of Kustomizations applying each other stops here.</summary>
    private const int MaxDepth = 32;

    public Task<TreeNode> BuildAsync(FluxKind kind, string @namespace, string name, CancellationToken cancellationToken) =>
        BuildAsync(kind, @namespace, name, 0, cancellationToken);

    private async Task<TreeNode> BuildAsync(FluxKind kind, string @namespace, string name, int depth, CancellationToken cancellationToken)
    {
        var obj = await objects.RequireAsync(kind, @namespace, name, cancellationToken);
        var children = new List<TreeNode>();
        foreach (var entry in Entries(obj))
        {
            var nested = NestedKind(entry);
            children.Add(nested is not null && depth < MaxDepth && await objects.GetAsync(nested, entry.Namespace, entry.Name, cancellationToken) is not null
                ? await BuildAsync(nested, entry.Namespace, entry.Name, depth + 1, cancellationToken)
                : new TreeNode(Label(entry.Kind, entry.Namespace, entry.Name), []));
        }
        return new TreeNode(Label(kind.Kind, @namespace, name), children);
    }

    public static string Label(string kind, string @namespace, string name) => @namespace.Length == 0 ? $"{kind}/{name}" : $"{kind}/{@namespace}/{name}";

    /// <summary>The inventory entries in Flux's order; ids that are not Flux's format are skipped.</summary>
    public static IReadOnlyList<ObjectRef> Entries(JsonObject obj)
    {
        var entries = new List<ObjectRef>();
        foreach (var entry in (obj["status"]?["inventory"]?["entries"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var id = entry["id"] is JsonValue i && i.TryGetValue<string>(out var text) ? text : "";
            var version = entry["v"] is JsonValue v && v.TryGetValue<string>(out var ver) ? ver : "";
            try
            {
                entries.Add(Inventory.Parse(new ResourceRef { Id = id, Version = version }));
            }
            catch (FormatException)
            {
                continue;
            }
        }
        return entries;
    }

    private static FluxKind? NestedKind(ObjectRef entry) =>
        entry.Group == FluxGroups.Kustomize && entry.Kind == FluxKinds.Kustomization.Kind ? FluxKinds.Kustomization
            : entry.Group == FluxGroups.Helm && entry.Kind == FluxKinds.HelmRelease.Kind ? FluxKinds.HelmRelease
            : null;
}
