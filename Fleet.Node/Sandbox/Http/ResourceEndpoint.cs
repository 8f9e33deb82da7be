using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Objects;
using Fleet.Node.Sandbox.Patching;
using Fleet.Node.Sandbox.Tables;
using Microsoft.AspNetCore.Http;

namespace Fleet.Node.Sandbox.Http;

/// <summary>The verbs on a resource URL, translated to <see cref="ObjectService"/> calls.</summary>
public sealed class ResourceEndpoint(ObjectService service, WatchStream watches)
{
    public async Task HandleAsync(HttpContext context, ResourcePath path)
    {
        var query = new QueryOptions(context.Request.Query, context.Request.Headers.UserAgent.ToString());
        var (type, ns, name, sub) = path;
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method))
        {
            if (name is null)
            {
                var selection = query.List(type);
                var table = TableConverter.Wants(context.Request.Headers.Accept.ToString());
                if (query.Flag("watch"))
                {
                    Func<JsonObject, bool, JsonObject>? render = table
                        ? (obj, first) => TableConverter.Convert(type, obj, query["includeObject"], DateTimeOffset.UtcNow, withColumns: first)
                        : null;
                    await watches.RunAsync(context, type, ns, selection, query, render);
                    return;
                }

                await WriteAsync(context, type, query, service.List(type, ns, selection));
                return;
            }

            await WriteAsync(context, type, query, sub == "scale" ? service.GetScale(type, ns, name) : service.Get(type, ns, name));
            return;
        }

        if (HttpMethods.IsPost(method))
        {
            if (name is not null)
            {
                throw ApiStatus.MethodNotAllowed("the server does not allow this method on the requested resource");
            }

            var created = service.Create(type, ns, await RequestBody.ReadObjectAsync(context), Writing(context, query));
            await JsonResponse.WriteAsync(context, 201, created.Object!);
            return;
        }

        if (HttpMethods.IsPut(method))
        {
            path.RequireName();
            var body = await RequestBody.ReadObjectAsync(context);
            JsonObject result = sub == "scale"
                ? service.UpdateScale(type, ns, name!, body, Writing(context, query))
                : service.Update(type, ns, name!, sub, body, Writing(context, query)).Object ?? Deleted(type, name!);
            await JsonResponse.WriteAsync(context, 200, result);
            return;
        }

        if (HttpMethods.IsPatch(method))
        {
            path.RequireName();
            await PatchAsync(context, path, query);
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            var options = await DeleteOptionsAsync(context, query);
            if (name is null)
            {
                await JsonResponse.WriteAsync(context, 200, service.DeleteCollection(type, ns, query.List(type), options));
                return;
            }

            var deleted = service.Delete(type, ns, name, options);
            await JsonResponse.WriteAsync(context, 200, deleted.Object ?? Deleted(type, name));
            return;
        }

        throw ApiStatus.MethodNotAllowed("the server does not allow this method on the requested resource");
    }

    private async Task PatchAsync(HttpContext context, ResourcePath path, QueryOptions query)
    {
        var (type, ns, name, sub) = path;
        var mediaType = RequestBody.MediaType(context.Request.ContentType);
        var patch = await RequestBody.ReadAsync(context) ?? throw ApiStatus.BadRequest("the body of the request was empty");
        var apply = mediaType == "application/apply-patch+yaml";
        var force = query.Flag("force");
        if (force && !apply)
        {
            throw ApiStatus.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");
        }

        Func<JsonNode, JsonNode> patcher = mediaType switch
        {
            "application/merge-patch+json" => target => JsonMergePatch.Apply(target, patch)!,
            "application/json-patch+json" => target => JsonPatch.Apply(target, patch),
            "application/strategic-merge-patch+json" when !type.IsCustom => target => StrategicMergePatch.Apply(target, patch, type.Group, type.Kind),
            "application/apply-patch+yaml" => target => target,
            _ => throw ApiStatus.UnsupportedMediaType(mediaType),
        };

        if (apply)
        {
            if (sub == "scale")
            {
                throw ApiStatus.UnsupportedMediaType(mediaType);
            }

            var applied = patch as JsonObject ?? throw ApiStatus.BadRequest("an apply patch must be an object");
            var result = service.Apply(type, ns, name!, sub, applied, force, Writing(context, query));
            await JsonResponse.WriteAsync(context, result.Outcome == Store.WriteOutcome.Created ? 201 : 200, result.Object ?? Deleted(type, name!));
            return;
        }

        if (sub == "scale")
        {
            var scale = patcher(service.GetScale(type, ns, name!)) as JsonObject ?? throw ApiStatus.BadRequest("the patched Scale is not an object");
            await JsonResponse.WriteAsync(context, 200, service.UpdateScale(type, ns, name!, scale, Writing(context, query)));
            return;
        }

        var patched = service.Modify(type, ns, name!, sub, current => patcher(current) as JsonObject ?? throw ApiStatus.BadRequest("the patched object is not a JSON object"), Writing(context, query));
        await JsonResponse.WriteAsync(context, 200, patched.Object ?? Deleted(type, name!));
    }

    /// <summary>The write options of a request, its warnings sent as <c>Warning: 299 - "…"</c> headers (once each, though a
    /// write retried on a concurrent change reports them again).</summary>
    private static WriteOptions Writing(HttpContext context, QueryOptions query) => query.Write with
    {
        Warn = warning =>
        {
            var header = $"299 - \"{warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
            if (!context.Response.Headers.Warning.Contains(header))
            {
                context.Response.Headers.Append("Warning", header);
            }
        },
    };

    /// <summary>Writes a read result, as a Table when the client asks for one (kubectl get).</summary>
    private static Task WriteAsync(HttpContext context, Catalog.ResourceType type, QueryOptions query, JsonObject result) =>
        TableConverter.Wants(context.Request.Headers.Accept.ToString()) && result["kind"]?.GetValue<string>() != "Scale"
            ? JsonResponse.WriteAsync(context, 200, TableConverter.Convert(type, result, query["includeObject"], DateTimeOffset.UtcNow), TableConverter.ContentType)
            : JsonResponse.WriteAsync(context, 200, result);

    private static JsonObject Deleted(Catalog.ResourceType type, string name) =>
        ApiStatus.Success(new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural });

    /// <summary>Query options overlaid by a JSON <c>DeleteOptions</c> body, as kubectl and helm send one.</summary>
    private static async Task<DeleteOptions> DeleteOptionsAsync(HttpContext context, QueryOptions query)
    {
        var options = query.Delete;
        if (await RequestBody.ReadAsync(context) is not JsonObject body)
        {
            return options;
        }

        var orphan = body["orphanDependents"]?.GetValue<bool>();
        return options with
        {
            PropagationPolicy = body["propagationPolicy"]?.GetValue<string>() ?? (orphan == true ? "Orphan" : options.PropagationPolicy),
            DryRun = options.DryRun || (body["dryRun"] as JsonArray)?.Any(v => v?.GetValue<string>() == "All") == true,
            PreconditionUid = body["preconditions"]?["uid"]?.GetValue<string>(),
            PreconditionResourceVersion = body["preconditions"]?["resourceVersion"]?.GetValue<string>(),
        };
    }
}
