using System.Globalization;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Catalog;
using Fleet.Node.Sandbox.Objects;
using Fleet.Node.Sandbox.Selectors;
using Microsoft.AspNetCore.Http;

namespace Fleet.Node.Sandbox.Http;

/// <summary>Typed access to the query parameters of a resource request, with the server's 400s for bad values.</summary>
public sealed class QueryOptions(IQueryCollection query, string? userAgent = null)
{
    public string? this[string name] => query.TryGetValue(name, out var v) ? v.ToString() : null;

    public bool Flag(string name) => this[name] is "true" or "1";

    public bool DryRun => this["dryRun"] switch
    {
        null or "" => false,
        "All" => true,
        var other => throw ApiStatus.BadRequest($"Invalid dryRun value: {other}. Valid values are: \"All\""),
    };

    public int? Int(string name)
    {
        var text = this[name];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiStatus.BadRequest($"invalid value for {name}: {text}");
    }

    public WriteOptions Write => new(DryRun, this["fieldManager"], ManagerFromUserAgent(userAgent), this["fieldValidation"]);

    /// <summary>The real server's default manager: the User-Agent up to the first '/' (<c>kubectl/v1.32 ...</c> → kubectl).</summary>
    private static string ManagerFromUserAgent(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) ? "unknown" : userAgent.Split('/')[0].Trim();

    public ListOptions List(ResourceType type)
    {
        if (!Flag("watch") && !string.IsNullOrEmpty(this["resourceVersionMatch"]) && string.IsNullOrEmpty(this["resourceVersion"]))
        {
            throw ApiStatus.BadRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
        }

        return new ListOptions(
            LabelSelectorSyntax.Parse(this["labelSelector"]),
            FieldSelector.Parse(this["fieldSelector"], type.Kind),
            Int("limit"),
            this["continue"]);
    }

    public DeleteOptions Delete => new(
        this["propagationPolicy"] ?? (this["orphanDependents"] == "true" ? "Orphan" : null),
        DryRun);
}
