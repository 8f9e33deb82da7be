using System.Text;

namespace Fleet.Node.Commands.Get;

/// <summary>
/// Lays rows out as <c>flux get</c> does: upper-case headers, each column padded to its widest cell and a tab between
/// columns; with all namespaces a NAMESPACE column first; under <c>get all</c> names carry their kind (<c>kustomization/apps</c>).
/// </summary>
public static class GetTable
{
    public static string Render(IReadOnlyList<FluxObjectRow> rows, bool allNamespaces, bool kindInName)
    {
        var header = allNamespaces
            ? new[] { "NAMESPACE", "NAME", "REVISION", "SUSPENDED", "READY", "MESSAGE" }
            : ["NAME", "REVISION", "SUSPENDED", "READY", "MESSAGE"];
        var cells = new List<string[]> { header };
        foreach (var row in rows)
        {
            var name = kindInName ? $"{row.Kind.ToLowerInvariant()}/{row.Name}" : row.Name;
            string[] line = [name, row.Revision, row.Suspended, row.Ready, row.Message];
            cells.Add(allNamespaces ? [row.Namespace, .. line] : line);
        }
        var widths = Enumerable.Range(0, header.Length).Select(i => cells.Max(c => c[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in cells)
        {
            text.Append(string.Join('\t', line.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
        }
        return text.ToString();
    }
}
