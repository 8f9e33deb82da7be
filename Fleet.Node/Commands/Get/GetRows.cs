using System.Text.Json.Nodes;
using Fleet.Messages.Api;

namespace Fleet.Node.Commands.Get;

/// <summary>The header and the cells of one kind's <c>flux get</c> table: a namespace column with <c>-A</c>, kind-prefixed names under <c>get all</c>.</summary>
public static class GetRows
{
    public static IReadOnlyList<string> Headers(FluxKind kind, bool allNamespaces)
    {
        IReadOnlyList<string> headers = SummaryColumns.Applies(kind) ? SummaryColumns.Headers(kind) : ["Name", "Revision", "Suspended", "Ready", "Message"];
        return allNamespaces ? ["Namespace", .. headers] : headers;
    }

    public static IReadOnlyList<string> Cells(FluxKind kind, JsonObject obj, bool allNamespaces, bool kindInName)
    {
        var row = FluxObjectRow.From(kind, obj);
        var name = kindInName ? $"{kind.Kind.ToLowerInvariant()}/{row.Name}" : row.Name;
        IReadOnlyList<string> rest = SummaryColumns.Applies(kind) ? SummaryColumns.Cells(kind, obj) : [row.Revision, row.Suspended, row.Ready, row.Message];
        return allNamespaces ? [row.Namespace, name, .. rest] : [name, .. rest];
    }
}
