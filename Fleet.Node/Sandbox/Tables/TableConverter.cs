using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
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
        TableColumn name = new("Name", "string", "Name must be unique within a namespace.", (o, _) => Text(o, "metadata.name"));
        TableColumn age = new("Age", "string", "CreationTimestamp is a timestamp representing the server time when this object was created.", (o, now) => Age(o, now));
        if (type.IsCustom)
        {
            if (type.PrinterColumns is not { Count: > 0 } printer)
            {
                return [name, age];
            }

            return [name, .. printer.OfType<JsonObject>().Select(c => new TableColumn(
                c["name"]!.GetValue<string>(),
                c["type"]?.GetValue<string>() ?? "string",
                c["description"]?.GetValue<string>() ?? "",
                (o, now) => PrinterCell(o, c, now),
                (int)(JsonNumber.AsLong(c["priority"]) ?? 0)))];
        }

        return (type.Group, type.Kind) switch
        {
            ("apps", "Deployment") =>
            [
                name,
                new("Ready", "string", "Number of the pod with ready state", (o, _) => $"{Number(o, "status.readyReplicas")}/{Number(o, "spec.replicas")}"),
                new("Up-to-date", "integer", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", (o, _) => Number(o, "status.updatedReplicas")),
                new("Available", "integer", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", (o, _) => Number(o, "status.availableReplicas")),
                age,
            ],
            ("apps", "ReplicaSet") =>
            [
                name,
                new("Desired", "integer", "Number of desired pods.", (o, _) => Number(o, "spec.replicas")),
                new("Current", "integer", "Number of actual pods.", (o, _) => Number(o, "status.replicas")),
                new("Ready", "integer", "Number of ready pods.", (o, _) => Number(o, "status.readyReplicas")),
                age,
            ],
            ("apps", "StatefulSet") => [name, new("Ready", "string", "Number of the pod with ready state", (o, _) => $"{Number(o, "status.readyReplicas")}/{Number(o, "spec.replicas")}"), age],
            ("batch", "Job") =>
            [
                name,
                new("Status", "string", "Status of the job.", (o, _) => JobStatus(o)),
                new("Completions", "string", "The desired number of successfully finished pods the job should be run with.", (o, _) => $"{Number(o, "status.succeeded")}/{Number(o, "spec.completions")}"),
                age,
            ],
            ("", "Pod") =>
            [
                name,
                new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic.", (o, _) => PodReady(o)),
                new("Status", "string", "The aggregate status of the containers in this pod.", (o, _) => Text(o, "status.phase")),
                new("Restarts", "string", "The number of times the containers in this pod have been restarted.", (o, _) => ((o["status"]?["containerStatuses"] as JsonArray ?? []).Sum(c => JsonNumber.AsLong(c?["restartCount"]) ?? 0)).ToString(CultureInfo.InvariantCulture)),
                age,
            ],
            ("", "Service") =>
            [
                name,
                new("Type", "string", "The type of the service.", (o, _) => Text(o, "spec.type")),
                new("Cluster-IP", "string", "The IP address of the service.", (o, _) => Text(o, "spec.clusterIP")),
                new("External-IP", "string", "The external IP address of the service.", (o, _) => "<none>"),
                new("Port(s)", "string", "The port(s) of the service.", (o, _) => Ports(o)),
                age,
            ],
            ("", "ConfigMap") => [name, new("Data", "integer", "Number of data entries.", (o, _) => ((o["data"] as JsonObject)?.Count ?? 0) + ((o["binaryData"] as JsonObject)?.Count ?? 0)), age],
            ("", "Secret") => [name, new("Type", "string", "The type of the secret.", (o, _) => Text(o, "type")), new("Data", "integer", "Number of data entries.", (o, _) => (o["data"] as JsonObject)?.Count ?? 0), age],
            ("", "Namespace") => [name, new("Status", "string", "The status of the namespace.", (o, _) => Text(o, "status.phase")), age],
            ("apiextensions.k8s.io", "CustomResourceDefinition") => [name, new("Created At", "date", "When the definition was created.", (o, _) => Text(o, "metadata.creationTimestamp"))],
            _ => [name, age],
        };
    }

    private static JsonNode? PrinterCell(JsonObject obj, JsonObject column, DateTimeOffset now)
    {
        var path = column["jsonPath"]?.GetValue<string>() ?? "";
        var value = JsonPath.Get(obj, path);
        if (column["type"]?.GetValue<string>() == "date" && value is JsonValue v && v.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return HumanDuration(now - at);
        }

        return value?.DeepClone();
    }

    private static string Text(JsonObject obj, string path) =>
        JsonPath.Get(obj, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static long Number(JsonObject obj, string path) => JsonNumber.AsLong(JsonPath.Get(obj, path)) ?? 0;

    private static string JobStatus(JsonObject obj)
    {
        var conditions = ObjectConditions.Of(obj);
        bool Has(string type) => conditions.Any(c => c.Type == type && c.Status == "True");
        return Has("Complete") ? "Complete" : Has("Failed") ? "Failed" : "Running";
    }

    private static string PodReady(JsonObject obj)
    {
        var statuses = obj["status"]?["containerStatuses"] as JsonArray ?? [];
        var total = (obj["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        return $"{statuses.Count(c => c?["ready"]?.GetValue<bool>() == true)}/{total}";
    }

    private static string Ports(JsonObject obj)
    {
        var ports = (obj["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => $"{JsonNumber.AsLong(p["port"])}/{p["protocol"]?.GetValue<string>() ?? "TCP"}").ToList();
        return ports.Count == 0 ? "<none>" : string.Join(",", ports);
    }

    private static string Age(JsonObject obj, DateTimeOffset now) =>
        DateTimeOffset.TryParse(Text(obj, "metadata.creationTimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? HumanDuration(now - created)
            : "<unknown>";

    /// <summary>kubectl's compact age: 45s, 3m12s, 15m, 5h30m, 20h, 3d4h, 12d, 2y.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        if (d < TimeSpan.Zero)
        {
            d = TimeSpan.Zero;
        }

        static string I(double v) => ((long)v).ToString(CultureInfo.InvariantCulture);
        return d.TotalSeconds switch
        {
            < 120 => $"{I(d.TotalSeconds)}s",
            _ when d.TotalMinutes < 10 => d.Seconds == 0 ? $"{I(d.TotalMinutes)}m" : $"{I(d.TotalMinutes)}m{d.Seconds}s",
            _ when d.TotalHours < 3 => $"{I(d.TotalMinutes)}m",
            _ when d.TotalHours < 8 => d.Minutes == 0 ? $"{I(d.TotalHours)}h" : $"{I(d.TotalHours)}h{d.Minutes}m",
            _ when d.TotalHours < 48 => $"{I(d.TotalHours)}h",
            _ when d.TotalDays < 8 => d.Hours == 0 ? $"{I(d.TotalDays)}d" : $"{I(d.TotalDays)}d{d.Hours}h",
            _ when d.TotalDays < 730 => $"{I(d.TotalDays)}d",
            _ => $"{I(d.TotalDays / 365)}y",
        };
    }
}
