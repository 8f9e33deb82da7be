using Fleet.Actors.Kube.Labels;
using Fleet.Node.Sandbox.Selectors;

namespace Fleet.Node.Sandbox.Objects;

/// <summary>The query options of a LIST.</summary>
public sealed record ListOptions(LabelMatcher Labels, FieldSelector Fields, int? Limit = null, string? Continue = null)
{
    public static ListOptions All { get; } = new(LabelMatcher.Everything, FieldSelector.Everything);
}
