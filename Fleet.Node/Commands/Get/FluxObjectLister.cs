using System.Net;
using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using k8s;
using k8s.Autorest;

namespace Fleet.Node.Commands.Get;

/// <summary>Lists Flux objects of some kinds and prints one <see cref="GetTable"/> per kind, with <c>flux get</c>'s messages when there are none.</summary>
public sealed class FluxObjectLister(IKubernetes client, TextWriter output, TextWriter error)
{
    /// <param name="kinds">The kinds, in the order their tables are printed.</param>
    /// <param name="namespace">The namespace to list, or null for all namespaces.</param>
    /// <param name="name">Only the object of this name, when given.</param>
    /// <param name="all">The <c>get all</c> form: names carry their kind, kinds without objects or CRD are skipped quietly.</param>
    /// <returns>The exit code: 1 when a kind cannot be listed, else 0 (as flux, also when nothing was found).</returns>
    public async Task<int> PrintAsync(IReadOnlyList<FluxKind> kinds, string? @namespace, string? name, bool all, CancellationToken cancellationToken)
    {
        var where = @namespace is null ? "any namespace" : $"\"{@namespace}\" namespace";
        foreach (var kind in kinds)
        {
            JsonObject list;
            try
            {
                list = @namespace is null
                    ? await client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(kind.Group, kind.Version, kind.Plural, cancellationToken: cancellationToken)
                    : await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(kind.Group, kind.Version, @namespace, kind.Plural, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                if (all)
                {
                    continue;
                }
                await error.WriteLineAsync($"✗ the server does not serve {kind.CrdName} (are Fleet's CRDs installed?)");
                return 1;
            }
            var rows = (list["items"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(o => FluxObjectRow.From(kind, o))
                .Where(r => name is null || r.Name == name)
                .OrderBy(r => r.Namespace, StringComparer.Ordinal)
                .ThenBy(r => r.Name, StringComparer.Ordinal)
                .ToList();
            if (rows.Count == 0)
            {
                if (name is not null)
                {
                    await error.WriteLineAsync($"✗ {kind.Kind} object '{name}' not found in {where}");
                }
                else if (!all)
                {
                    await error.WriteLineAsync($"✗ no {kind.Kind} objects found in {where}");
                }
                continue;
            }
            await output.WriteAsync(GetTable.Render(rows, @namespace is null, all));
            if (all)
            {
                await output.WriteLineAsync();
            }
        }
        return 0;
    }
}
