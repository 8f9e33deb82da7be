namespace Fleet.Node.Sandbox.Catalog;

/// <summary>Where a resource's scale subresource reads and writes, as JSON paths without the leading dot.</summary>
public sealed record ScaleSpec(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);
