using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Cli;
using k8s;

namespace Fleet.Node.Commands.Get;

/// <summary>Lists Flux objects of some kinds and prints one table per kind (or one JSON/YAML list), with <c>flux get</c>'s messages when there are none.</summary>
public sealed class FluxObjectLister(IKubernetes client, TextWriter output)
{
    private readonly FluxObjects _objects = new(client);

    /// <param name="kinds">The kinds, in the order their tables are printed.</param>
    /// <returns>0; a kind that cannot be listed, or nothing found for one kind, is a <see cref="CliException"/> as in flux.</returns>
    public async Task<int> PrintAsync(IReadOnlyList<FluxKind> kinds, GetRequest request, CancellationToken cancellationToken)
    {
        var where = request.Namespace is null ? "any" : $"\"{request.Namespace}\"";
        var documents = new List<JsonObject>();
        foreach (var kind in kinds)
        {
            IReadOnlyList<JsonObject> listed;
            try
            {
                listed = await _objects.ListAsync(kind, request.Namespace, cancellationToken);
            }
            catch (CliException) when (request.All)
            {
                continue;
            }
            var found = listed.Where(o => request.Name is null || FluxObjects.NameOf(o) == request.Name).Where(o => MatchesLabels(o, request.LabelSelector)).ToList();
            if (found.Count == 0)
            {
                if (request.Name is not null)
                {
                    throw new CliException($"{kind.Kind} object '{request.Name}' not found in {where} namespace");
                }
                if (!request.All)
                {
                    throw new CliException($"no {kind.Kind} objects found in {where} namespace");
                }
                continue;
            }
            var shown = found.Where(o => request.Selector?.Matches(kind, o) ?? true).ToList();
            if (request.Output != "table")
            {
                documents.AddRange(shown.Select(o => WithType(kind, o)));
                continue;
            }
            if (request.All && shown.Count == 0)
            {
                continue;
            }
            await output.WriteAsync(Table(kind, shown, request));
            if (request.All)
            {
                await output.WriteLineAsync();
            }
        }
        if (request.Output != "table")
        {
            JsonNode document = request.Name is not null && documents.Count == 1
                ? documents[0]
                : new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. documents]) };
            await output.WriteAsync(request.Output == "json"
                ? document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n"
                : YamlJson.Serialize(document));
        }
        return 0;
    }

    /// <summary>The header, then one line per change of any object of the kind, until the deadline or Ctrl-C (flux's <c>get --watch</c>).</summary>
    public async Task<int> WatchAsync(FluxKind kind, GetRequest request, CancellationToken cancellationToken)
    {
        var first = true;
        var events = request.Namespace is null
            ? client.CustomObjects.WatchListClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, cancellationToken: cancellationToken)
            : client.CustomObjects.WatchListNamespacedCustomObjectAsync(kind.Group, kind.Version, request.Namespace, kind.Plural, cancellationToken: cancellationToken);
        try
        {
            await foreach (var (type, body) in events.WithCancellation(cancellationToken))
            {
                if (JsonNode.Parse(((System.Text.Json.JsonElement)body).GetRawText()) is not JsonObject obj)
                {
                    continue;
                }
                if (type is WatchEventType.Bookmark or WatchEventType.Error
                    || (request.Name is not null && FluxObjects.NameOf(obj) != request.Name)
                    || !(request.Selector?.Matches(kind, obj) ?? true))
                {
                    continue;
                }
                var table = TextTable.Render(GetRows.Headers(kind, request.Namespace is null), [GetRows.Cells(kind, obj, request.Namespace is null, false)]);
                await output.WriteAsync(first && !request.NoHeader ? table : table[(table.IndexOf('\n') + 1)..]);
                await output.FlushAsync(cancellationToken);
                first = false;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watch ends at --timeout or Ctrl-C, as flux's does.
        }
        return 0;
    }

    private string Table(FluxKind kind, IReadOnlyList<JsonObject> objects, GetRequest request)
    {
        var allNamespaces = request.Namespace is null;
        var table = TextTable.Render(GetRows.Headers(kind, allNamespaces), objects.Select(o => GetRows.Cells(kind, o, allNamespaces, request.All)), TextTable.TerminalWidth(output));
        return request.NoHeader ? table[(table.IndexOf('\n') + 1)..] : table;
    }

    private static JsonObject WithType(FluxKind kind, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy["apiVersion"] = kind.ApiVersion;
        copy["kind"] = kind.Kind;
        return copy;
    }

    /// <summary>Equality terms of <c>-l</c> (<c>key=value</c>, <c>key!=value</c>, <c>key</c>), comma-separated.</summary>
    private static bool MatchesLabels(JsonObject obj, string? selector)
    {
        if (selector is not { Length: > 0 })
        {
            return true;
        }
        var labels = obj["metadata"]?["labels"] as JsonObject;
        string? Label(string key) => labels?[key] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        return selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(term =>
            term.Split("!=", 2) is [var notKey, var notValue] ? Label(notKey) != notValue
                : term.Split('=', 2) is [var key, var value] ? Label(key.TrimEnd('=')) == value.TrimStart('=')
                : Label(term) is not null);
    }
}
