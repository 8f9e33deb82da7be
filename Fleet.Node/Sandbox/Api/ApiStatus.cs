using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Api;

/// <summary>Builds <c>Status</c> objects and the exceptions for the common failure reasons, with the real server's wording.</summary>
public static class ApiStatus
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
        };

        // Some failures carry no reason (a 500 from server-side apply's typed conversion), and the real server omits it.
        if (reason.Length > 0)
        {
            status["reason"] = reason;
        }

        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static JsonObject Success(JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        return status;
    }

    public static JsonObject Details(string name, string group, string plural)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = plural;
        return details;
    }

    /// <summary>The <c>plural.group</c> form the server uses in messages (just the plural for the core group).</summary>
    public static string Qualified(string group, string plural) => group.Length == 0 ? plural : $"{plural}.{group}";

    public static ApiException NotFound(string group, string plural, string name) =>
        new(404, "NotFound", $"{Qualified(group, plural)} \"{name}\" not found", Details(name, group, plural));

    public static ApiException AlreadyExists(string group, string plural, string name) =>
        new(409, "AlreadyExists", $"{Qualified(group, plural)} \"{name}\" already exists", Details(name, group, plural));

    public static ApiException Conflict(string group, string plural, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {Qualified(group, plural)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(name, group, plural));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf; got {contentType}");

    /// <summary>422 Invalid with one cause per field error, message <c>Kind.group "name" is invalid: field: detail, ...</c>.</summary>
    public static ApiException Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Add(new JsonObject { ["reason"] = error.Reason, ["message"] = error.Message, ["field"] = error.Field });
        }

        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        details["causes"] = causes;
        var what = group.Length == 0 ? kind : $"{kind}.{group}";
        var text = errors.Count == 1
            ? $"{errors[0].Field}: {errors[0].Message}"
            : "[" + string.Join(", ", errors.Select(e => $"{e.Field}: {e.Message}")) + "]";
        return new ApiException(422, "Invalid", $"{what} \"{name}\" is invalid: {text}", details);
    }
}
