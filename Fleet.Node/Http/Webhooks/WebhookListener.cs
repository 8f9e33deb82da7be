using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Fleet.Node.Http.Webhooks;

/// <summary>
/// The node's webhook listener: Kestrel binds it beside the artifact port and tags its connections, so that only
/// <c>/hook/...</c> is served there, and it knows the port it bound (<c>--webhook-port 0</c> picks one).
/// </summary>
public sealed class WebhookListener
{
    private const string Tag = "fleet.webhook";

    private ListenOptions? _options;

    /// <summary>The bound port, once the node has started.</summary>
    public int Port => _options?.IPEndPoint?.Port is > 0 and var port ? port : throw new InvalidOperationException("the webhook listener is not bound yet");

    public void Listen(KestrelServerOptions kestrel, IPAddress address, int port) =>
        kestrel.Listen(address, port, options =>
        {
            _options = options;
            options.Use(next => connection =>
            {
                connection.Items[Tag] = true;
                return next(connection);
            });
        });

    public static bool Serves(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(Tag) == true;
}
