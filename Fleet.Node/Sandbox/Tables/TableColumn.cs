using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Tables;

/// <summary>One printed column: its definition and how to compute a row's cell.</summary>
public sealed record TableColumn(string Name, string Type, string Description, Func<JsonObject, DateTimeOffset, JsonNode?> Cell, int Priority = 0);
