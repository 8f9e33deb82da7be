using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Cli;

namespace Fleet.Node.Commands.Get;

/// <summary><c>--status-selector ready=false</c> or <c>ready!=true</c>: condition type and status compared case-insensitively, as flux does.</summary>
public sealed record StatusSelector(string Type, string Status, bool Negated)
{
    public static StatusSelector? Parse(string? text)
    {
        if (text is not { Length: > 0 })
        {
            return null;
        }
        var negated = text.Contains("!=", StringComparison.Ordinal);
        var parts = text.Split(negated ? "!=" : "=", 2);
        return parts.Length == 2
            ? new StatusSelector(parts[0], parts[1], negated)
            : throw new CliException($"expected status selector in type=status or type!=status format, but found: {text}");
    }

    public bool Matches(FluxKind kind, JsonObject obj)
    {
        // Alerts and Providers have no conditions; flux treats them as Ready=True.
        var matches = kind == FluxKinds.Alert || kind == FluxKinds.Provider
            ? string.Equals(Type, "Ready", StringComparison.OrdinalIgnoreCase) && string.Equals(Status, "True", StringComparison.OrdinalIgnoreCase)
            : ObjectConditions.Of(obj).LastOrDefault(c => string.Equals(c.Type, Type, StringComparison.OrdinalIgnoreCase)) is { } condition
                && string.Equals(condition.Status, Status, StringComparison.OrdinalIgnoreCase);
        return matches != Negated;
    }
}
