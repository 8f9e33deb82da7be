using Fleet.Node.Sandbox.Selectors;

namespace Fleet.Node.Sandbox.Objects;

/// <summary>The query options of a LIST.</summary>
public sealed record ListOptions(LabelSelector Labels, FieldSelector Fields, int? Limit = null, string? Continue = null)
{
    public static ListOptions All { get; } = new(LabelSelector.Everything, FieldSelector.Everything);
}
