using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Node.Admin;

/// <summary>The admin API's routes under <c>/admin/v1</c> (documented in the README), behind the bearer-token check.</summary>
public static class AdminEndpoints
{
    public sealed record MemberRequest(string Address, bool Force = false);

    public static void Map(WebApplication app, AdminTokens tokens, ClusterAdmin cluster, ShardAdmin shards)
    {
        app.Use(async (context, next) =>
        {
            var scope = tokens.ScopeOf(context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null);
            if (scope == AdminScope.None)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Results.Json(new AdminError("a valid bearer token is required"), statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
            }
            if (scope == AdminScope.Read && !HttpMethods.IsGet(context.Request.Method))
            {
                await Results.Json(new AdminError("this token may only read"), statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        var api = app.MapGroup("/admin/v1");
        api.MapGet("/cluster", () => Results.Json(cluster.State()));
        api.MapPost("/cluster/leave", (MemberRequest request) =>
        {
            if (cluster.Find(request.Address) is not { } member)
            {
                return NoSuchMember(request.Address);
            }
            cluster.Leave(member);
            return Results.Accepted();
        });
        api.MapPost("/cluster/down", (MemberRequest request) =>
        {
            if (cluster.Find(request.Address) is not { } member)
            {
                return NoSuchMember(request.Address);
            }
            return cluster.Down(member, request.Force) is { } refused
                ? Results.Json(new AdminError(refused), statusCode: StatusCodes.Status409Conflict)
                : Results.Accepted();
        });
        api.MapGet("/shards", async () => Results.Json(await shards.StatsAsync()));
        api.MapGet("/where/{kind}/{namespace}/{name}", async (string kind, string @namespace, string name) =>
            KeyOf(kind, @namespace, name) is { } key ? Results.Json(await shards.WhereAsync(key)) : UnknownKind(kind));
        api.MapPost("/reconcile/{kind}/{namespace}/{name}", (string kind, string @namespace, string name) =>
        {
            if (KeyOf(kind, @namespace, name) is not { } key)
            {
                return UnknownKind(kind);
            }
            shards.Reconcile(key);
            return Results.Accepted();
        });
    }

    private static ObjectKey? KeyOf(string kind, string @namespace, string name) =>
        FluxKinds.Reconciled.FirstOrDefault(k => string.Equals(k.Kind, kind, StringComparison.OrdinalIgnoreCase)) is { } found
            ? new ObjectKey(found.Kind, @namespace, name)
            : null;

    private static IResult NoSuchMember(string address) =>
        Results.Json(new AdminError($"no cluster member at {address}"), statusCode: StatusCodes.Status404NotFound);

    private static IResult UnknownKind(string kind) =>
        Results.Json(new AdminError($"unknown kind {kind} (one of {string.Join(", ", FluxKinds.Reconciled.Select(k => k.Kind))})"), statusCode: StatusCodes.Status404NotFound);
}
