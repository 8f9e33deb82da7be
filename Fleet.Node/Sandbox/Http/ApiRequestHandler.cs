using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Auth;
using Fleet.Node.Sandbox.Discovery;
using Fleet.Node.Sandbox.Objects;
using Fleet.Node.Sandbox.Patching;
using Microsoft.AspNetCore.Http;

namespace Fleet.Node.Sandbox.Http;

/// <summary>
/// The single entry point for every request: authentication, routing to discovery, OpenAPI or resource endpoints,
/// and translation of every failure into a Status body. Nothing a client sends can crash the server; an unexpected
/// exception is a 500 Status, and since writes only commit complete objects, the store is never left half-changed.
/// </summary>
public sealed class ApiRequestHandler(ObjectService service, ResourceEndpoint resources, SandboxApiServerOptions options, RbacAuthorizer authorizer, Func<string> serverAddress)
{
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            Authenticate(context);
            await RouteAsync(context);
        }
        catch (ApiException e)
        {
            await FailAsync(context, e);
        }
        catch (PatchException e)
        {
            await FailAsync(context, PatchFailure(e));
        }
        catch (ApplyConflictException e)
        {
            await FailAsync(context, ApplyConflict(e));
        }
        catch (JsonException e)
        {
            await FailAsync(context, ApiStatus.BadRequest($"the body of the request could not be decoded: {e.Message}"));
        }
        catch (InvalidOperationException e) when (e.Source == "System.Text.Json")
        {
            await FailAsync(context, ApiStatus.BadRequest($"the body of the request could not be decoded: {e.Message}"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e)
        {
            await FailAsync(context, new ApiException(500, "InternalError", $"Internal error occurred: {e.GetType().Name}: {e.Message}"));
        }
    }

    private void Authenticate(HttpContext context)
    {
        if (options.Token is { Length: > 0 } token && context.Request.Headers.Authorization.ToString() != $"Bearer {token}")
        {
            throw new ApiException(401, "Unauthorized", "Unauthorized");
        }
    }

    private async Task RouteAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var get = HttpMethods.IsGet(context.Request.Method);
        switch (segments)
        {
            case ["version"] when get:
                await JsonResponse.WriteAsync(context, 200, DiscoveryDocuments.Version());
                return;
            case ["healthz" or "livez" or "readyz"] when get:
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok");
                return;
            case ["api"] when get:
                await JsonResponse.WriteAsync(context, 200, DiscoveryDocuments.ApiVersions(serverAddress()));
                return;
            case ["api", "v1"] when get:
                await JsonResponse.WriteAsync(context, 200, DiscoveryDocuments.ResourceList("v1", service.Catalog.InGroupVersion("", "v1")!));
                return;
            case ["apis"] when get:
                await JsonResponse.WriteAsync(context, 200, DiscoveryDocuments.GroupList(service.Catalog));
                return;
            case ["apis", var group] when get:
                var versions = service.Catalog.Groups().FirstOrDefault(g => g.Group == group).Versions ?? throw NotFound();
                await JsonResponse.WriteAsync(context, 200, DiscoveryDocuments.Group(group, versions));
                return;
            case ["apis", var group, var version] when get:
                var inGroup = service.Catalog.InGroupVersion(group, version) ?? throw NotFound();
                await JsonResponse.WriteAsync(context, 200, DiscoveryDocuments.ResourceList($"{group}/{version}", inGroup));
                return;
            case ["openapi", "v3"] when get:
                await JsonResponse.WriteAsync(context, 200, OpenApiDocuments.Index(service.Catalog));
                return;
            case ["openapi", "v3", "api", "v1"] when get:
                await JsonResponse.WriteAsync(context, 200, OpenApiDocuments.GroupVersion(service.Catalog, "", "v1")!);
                return;
            case ["openapi", "v3", "apis", var group, var version] when get:
                await JsonResponse.WriteAsync(context, 200, OpenApiDocuments.GroupVersion(service.Catalog, group, version) ?? throw NotFound());
                return;
            case ["api", "v1", .. var rest]:
                await ServeResourceAsync(context, ResourcePath.Parse(service.Catalog, "", "v1", rest) ?? throw NotFound());
                return;
            case ["apis", var group, var version, .. var rest]:
                await ServeResourceAsync(context, ResourcePath.Parse(service.Catalog, group, version, rest) ?? throw NotFound());
                return;
            default:
                throw NotFound();
        }
    }

    private async Task ServeResourceAsync(HttpContext context, ResourcePath path)
    {
        if (options.Rbac)
        {
            var user = RequestUser.From(context.Request);
            var verb = Verb(context.Request, path);
            if (!authorizer.Allows(user, verb, path.Type.Group, path.Type.Plural, path.Subresource, path.Namespace, path.Name))
            {
                throw RbacAuthorizer.Forbidden(user, verb, path.Type, path.Subresource, path.Namespace, path.Name);
            }
        }

        await resources.HandleAsync(context, path);
    }

    /// <summary>The RBAC verb of a request: get/list/watch, create, update, patch, delete/deletecollection.</summary>
    private static string Verb(HttpRequest request, ResourcePath path) => request.Method switch
    {
        "GET" when path.Name is not null => "get",
        "GET" when request.Query["watch"] is var w && (w == "true" || w == "1") => "watch",
        "GET" => "list",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when path.Name is null => "deletecollection",
        "DELETE" => "delete",
        _ => request.Method.ToLowerInvariant(),
    };

    private static ApiException PatchFailure(PatchException e)
    {
        JsonObject? details = null;
        if (e.Cause is not null)
        {
            details = new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = e.Cause }) };
        }

        return new ApiException(e.Code, e.Reason, e.Message, details);
    }

    private static ApiException ApplyConflict(ApplyConflictException e)
    {
        var causes = new JsonArray();
        foreach (var conflict in e.Conflicts)
        {
            causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = conflict.Message, ["field"] = conflict.Field });
        }

        return new ApiException(409, "Conflict", e.Message, new JsonObject { ["causes"] = causes });
    }

    private static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");

    private static async Task FailAsync(HttpContext context, ApiException e)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        await JsonResponse.WriteAsync(context, e.Code, e.ToStatus());
    }
}
