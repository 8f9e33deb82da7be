using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Catalog;
using Fleet.Node.Sandbox.Objects;

namespace Fleet.Node.Sandbox.Validation;

/// <summary>
/// What the real server does with a built-in kind's body before anything else: a value of the wrong type is a 400
/// decode error; unknown fields are a 400 with <c>fieldValidation=Strict</c>, dropped with a warning with
/// <c>Warn</c> (the server's default) and silently with <c>Ignore</c>. A server-side apply patch must fit the
/// schema exactly (<c>field not declared in schema</c>).
/// </summary>
public static class TypedBody
{
    public static void Decode(ResourceType type, JsonObject body, WriteOptions options)
    {
        if (type.IsCustom || BuiltInModels.Find(type.Group, type.Version, type.Kind) is not { } model)
        {
            return;
        }

        var issues = TypedDecoder.Check(model, body);
        if (issues.FirstOrDefault(i => !i.IsUnknownField) is { } mismatch)
        {
            throw ApiStatus.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {mismatch.Message}");
        }

        if (issues.Count == 0)
        {
            return;
        }

        if (options.FieldValidation == "Strict")
        {
            var fields = string.Join(", ", issues.Select(i => $"unknown field \"{i.Path}\""));
            throw ApiStatus.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {fields}");
        }

        if (options.FieldValidation != "Ignore")
        {
            foreach (var issue in issues)
            {
                options.Warn?.Invoke($"unknown field \"{issue.Path}\"");
            }
        }

        TypedDecoder.DropUnknown(body, issues);
    }

    /// <summary>Refuses an apply patch that does not fit the kind's schema, with the real server's 500.</summary>
    public static void CheckApplyPatch(ResourceType type, string? ns, string name, JsonObject applied)
    {
        if (type.IsCustom || BuiltInModels.Find(type.Group, type.Version, type.Kind) is not { } model)
        {
            return;
        }

        if (TypedDecoder.Check(model, applied) is [var first, ..])
        {
            var detail = first.IsUnknownField ? "field not declared in schema" : first.ApplyMessage;
            throw new ApiException(500, "", $"failed to create typed patch object ({ns}/{name}; {type.Group}/{type.Version}, Kind={type.Kind}): {first.ApplyPath}: {detail}");
        }
    }
}
