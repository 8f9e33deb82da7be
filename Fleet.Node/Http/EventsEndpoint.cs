using Fleet.Actors.Notification;

namespace Fleet.Node.Http;

/// <summary>Serves notification-controller's event endpoint, <c>POST /</c>, on the events address's port or the node's HTTP port.</summary>
public static class EventsEndpoint
{
    public static void MapFleetEvents(this WebApplication app, PostedEvents events, int? eventsPort)
    {
        var route = app.MapPost("/", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            var limited = context.Request.ContentLength is > PostedEvents.MaxBodyBytes
                ? null
                : await ReadAsync(context.Request.Body, body, context.RequestAborted);
            context.Response.StatusCode = limited is null
                ? PostedEvents.StatusCodes.PayloadTooLarge
                : await events.AcceptAsync(limited.Value, context.RequestAborted);
        });
        if (eventsPort is { } port)
        {
            route.RequireHost($"*:{port}");
        }
    }

    /// <summary>The body, or null once it passes the limit (a body without a length is cut there).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream request, MemoryStream into, CancellationToken cancellation)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await request.ReadAsync(buffer, cancellation)) > 0)
        {
            if (into.Length + read > PostedEvents.MaxBodyBytes)
            {
                return null;
            }
            into.Write(buffer, 0, read);
        }
        return into.GetBuffer().AsMemory(0, (int)into.Length);
    }
}
