using System.Text;
using System.Text.RegularExpressions;

namespace Fleet.Actors.Image;

/// <summary>
/// Go regular expressions and replacement templates as Flux's `filterTags` takes them, in .NET's dialect: `(?P&lt;name&gt;`
/// groups become `(?&lt;name&gt;`, and `$name` in a replacement (Go takes the longest run of word characters) becomes `${name}`.
/// </summary>
public static partial class GoRegex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    [GeneratedRegex(@"\$(\$|\{[^}]*\}|[A-Za-z0-9_]+)")]
    private static partial Regex TemplateReference();

    /// <summary>Compiles a Go pattern; throws <see cref="ArgumentException"/> when .NET cannot read it.</summary>
    public static Regex Compile(string pattern) =>
        new(pattern.Replace("(?P<", "(?<", StringComparison.Ordinal), RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>The .NET replacement for a Go `ReplaceAllString` template.</summary>
    public static string Template(string template) =>
        TemplateReference().Replace(template, m => m.Groups[1].Value switch
        {
            "$" => "$$",
            var braced when braced.StartsWith('{') => "$" + braced,
            var name => "${" + name + "}",
        });

    /// <summary>Go's `ReplaceAllString`: every match replaced, a group that did not take part giving empty text.</summary>
    public static string ReplaceAll(Regex regex, string input, string goTemplate)
    {
        var builder = new StringBuilder();
        var template = Template(goTemplate);
        var last = 0;
        foreach (Match match in regex.Matches(input))
        {
            builder.Append(input, last, match.Index - last).Append(match.Result(template));
            last = match.Index + match.Length;
        }
        return builder.Append(input, last, input.Length - last).ToString();
    }
}
