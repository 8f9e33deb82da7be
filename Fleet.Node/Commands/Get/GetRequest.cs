namespace Fleet.Node.Commands.Get;

/// <summary>What <c>fleet get</c> was asked to show.</summary>
/// <param name="Namespace">The namespace to list, or null for all namespaces.</param>
/// <param name="Name">Only the object of this name, when given.</param>
/// <param name="All">The <c>get all</c> form: names carry their kind, kinds without objects or CRD are skipped quietly.</param>
/// <param name="Output">table, json or yaml.</param>
public sealed record GetRequest(string? Namespace, string? Name, bool All, StatusSelector? Selector = null, string Output = "table", bool NoHeader = false, string? LabelSelector = null);
