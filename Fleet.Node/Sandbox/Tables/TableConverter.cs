using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Catalog;
using Fleet.Node.Sandbox.Objects;

namespace Fleet.Node.Sandbox.Tables;

/// <summary>
/// Server-side printing (<c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>): the columns kubectl shows
/// for the common built-in kinds, a CRD's additionalPrinterColumns for custom resources, else NAME and AGE.
/// </summary>
public static class TableConverter
{
    public const string ContentType = "application/json;as=Table;v=v1;g=meta.k8s.io";

    public static bool Wants(string? accept) => accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    /// <summary>A Table of a LIST result (or a single object); <paramref name="includeObject"/> is None, Metadata or Object.</summary>
    public static JsonObject Convert(ResourceType type, JsonObject listOrObject, string? includeObject, DateTimeOffset now, bool withColumns = true)
    {
        var items = listOrObject["items"] is JsonArray list ? list.OfType<JsonObject>().ToList() : [listOrObject];
        var columns = Columns(type);
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray();
            foreach (var column in columns)
            {
                cells.Add(column.Cell(item, now));
            }

            var row = new JsonObject { ["cells"] = cells };
            switch (includeObject)
            {
                case "None":
                    break;
                case "Object":
                    row["object"] = item.DeepClone();
                    break;
                default:
                    row["object"] = new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = item["metadata"]?.DeepClone() };
                    break;
            }

            rows.Add(row);
        }

        var definitions = new JsonArray();
        if (withColumns)
        {
            foreach (var column in columns)
            {
                definitions.Add(new JsonObject
                {
                    ["name"] = column.Name,
                    ["type"] = column.Type,
                    ["format"] = column.Name == "Name" ? "name" : "",
                    ["description"] = column.Description,
                    ["priority"] = column.Priority,
                });
            }
        }

        var metadata = new JsonObject();
        if (listOrObject["items"] is not null)
        {
            metadata["resourceVersion"] = listOrObject["metadata"]?["resourceVersion"]?.DeepClone();
            if (listOrObject["metadata"]?["continue"] is { } next)
            {
                metadata["continue"] = next.DeepClone();
            }
        }
        else
        {
            metadata["resourceVersion"] = listOrObject["metadata"]?["resourceVersion"]?.DeepClone();
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    private static IReadOnlyList<TableColumn> Columns(ResourceType type)
    {
        if (!type.IsCustom)
        {
            return BuiltInColumns.For(type.Group, type.Kind);
        }

        // A CRD without printer columns prints its objects' age, as the real server's default column.
        if (type.PrinterColumns is not { Count: > 0 } printer)
        {
            return [BuiltInColumns.Name, BuiltInColumns.Age];
        }

        return [BuiltInColumns.Name, .. printer.OfType<JsonObject>().Select(CustomColumn)];
    }

    private static TableColumn CustomColumn(JsonObject column)
    {
        var type = column["type"]?.GetValue<string>() ?? "string";
        KubectlJsonPath? path;
        try
        {
            path = KubectlJsonPath.Parse(column["jsonPath"]?.GetValue<string>() ?? "");
        }
        catch (FormatException)
        {
            path = null;
        }

        return new TableColumn(
            column["name"]!.GetValue<string>(),
            type,
            column["description"]?.GetValue<string>() ?? "",
            (o, now) => path is null ? null : Cell(type, path.First(o), now),
            (int)(JsonNumber.AsLong(column["priority"]) ?? 0));
    }

    /// <summary>A printer column's cell from the first match, as the CRD table convertor makes it: strings printed,
    /// integers, numbers and booleans typed, dates as ages; a missing or mistyped value is an empty cell.</summary>
    private static JsonNode? Cell(string type, JsonNode? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        return type switch
        {
            "string" => KubectlJsonPath.Text(value),
            "integer" when kind == JsonValueKind.Number => (long)value.GetValue<double>(),
            "number" when kind == JsonValueKind.Number => value.GetValue<double>(),
            "boolean" when kind is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
            "date" when kind == JsonValueKind.String => DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? CellText.HumanDuration(now - at)
                : "<invalid>",
            _ => null,
        };
    }
}
