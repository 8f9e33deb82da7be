using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Catalog;

/// <summary>One served resource: its names, scope, verbs and subresources, as discovery reports them, plus what the
/// server needs to treat its objects right (status subresource, generation rules, CRD schema and columns).</summary>
public sealed record ResourceType
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = StandardVerbs;

    public bool HasStatus { get; init; }

    /// <summary>The scale subresource: path of spec replicas, status replicas and the label selector.</summary>
    public ScaleSpec? Scale { get; init; }

    /// <summary>True for CRD-defined resources (served with JSON merge, not strategic merge, patches).</summary>
    public bool IsCustom { get; init; }

    /// <summary>Whether <c>metadata.generation</c> is maintained (workloads and custom resources).</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>The OpenAPI v3 schema of a custom resource version, used to validate writes.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>The CRD's additionalPrinterColumns for this version.</summary>
    public JsonArray? PrinterColumns { get; init; }

    public static IReadOnlyList<string> StandardVerbs { get; } =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The store key of this resource: the same objects whatever version they are read through.</summary>
    public string StoreKey => $"{Group}/{Plural}";

    public string ListKind => Kind + "List";
}
