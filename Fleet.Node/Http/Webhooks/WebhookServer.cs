using System.Net;
using Fleet.Actors.Notification.Receivers;
using Fleet.Actors.Sharding;
using Fleet.Node.Configuration;
using k8s;

namespace Fleet.Node.Http.Webhooks;

/// <summary>Wires the webhook receivers into a node: their own port, the Receiver watch, and <c>/hook/...</c> on that port only.</summary>
public static class WebhookServer
{
    public static void AddWebhookServer(this WebApplicationBuilder builder, NodeSettings settings, IPAddress address, TimeProvider clock)
    {
        var listener = new WebhookListener();
        builder.WebHost.ConfigureKestrel(kestrel => listener.Listen(kestrel, address, settings.WebhookPort));
        builder.Services.AddSingleton(listener);
        builder.Services.AddSingleton<ReceiverIndex>();
        builder.Services.AddSingleton(new WebhookRateLimiter(clock, settings.WebhookBurst, settings.WebhookCallsPerSecond));
        builder.Services.AddSingleton(settings.Flags);
        builder.Services.AddSingleton(services => new ReconcileRequester(
            services.GetRequiredService<IKubernetes>(), services.GetRequiredService<ShardRegions>(), clock));
        builder.Services.AddSingleton<WebhookHandler>();
        builder.Services.AddHostedService<ReceiverWatchService>();
        // ASP.NET Core logs every request's URL at Information; a hook's URL is as good as its token.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Warning);
    }

    /// <summary>On the webhook port every call goes to the handler under <c>/hook/</c> and is 404 elsewhere; other ports never serve hooks.</summary>
    public static void MapWebhooks(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (!WebhookListener.Serves(context))
            {
                await next(context);
            }
            else if (context.Request.Path.StartsWithSegments("/hook", StringComparison.Ordinal))
            {
                await context.RequestServices.GetRequiredService<WebhookHandler>().HandleAsync(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
}
