using System.Text;

namespace Fleet.Node.Commands.Cli;

/// <summary>
/// Flux's table printer: upper-case headers, each column padded to its widest cell and a tab between columns. Given a
/// terminal width, the last column is cut to fit it, so a long message does not wrap the table.
/// </summary>
public static class TextTable
{
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, int? width = null)
    {
        var cells = new List<IReadOnlyList<string>> { header.Select(h => h.ToUpperInvariant()).ToArray() };
        cells.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(i => cells.Max(c => c[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in cells)
        {
            var rendered = string.Join('\t', line.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd();
            text.Append(width is { } fit ? Fit(rendered, fit) : rendered).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The terminal's width when stdout is one, else null (a pipe gets whole lines).</summary>
    public static int? TerminalWidth(TextWriter output)
    {
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            return null;
        }
        try
        {
            return Console.WindowWidth > 20 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Tabs expand to the next multiple of 8 on a terminal; the line is cut where it would pass the width.</summary>
    private static string Fit(string line, int width)
    {
        var column = 0;
        for (var i = 0; i < line.Length; i++)
        {
            column = line[i] == '\t' ? (column / 8 + 1) * 8 : column + 1;
            if (column > width - 1)
            {
                return line[..i] + "…";
            }
        }
        return line;
    }
}
