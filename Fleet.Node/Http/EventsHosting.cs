using Fleet.Actors.Kube;
using Fleet.Actors.Notification;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Node.Configuration;
using k8s;

namespace Fleet.Node.Http;

/// <summary>
/// A node's alerting: the Alert and Provider watch cache, the dispatcher its entities hand their events to (unless the runtime
/// brings its own, as tests do), and the event endpoint Flux's controllers post to.
/// </summary>
public static class EventsHosting
{
    /// <summary>Registers the cache, the dispatcher (as <see cref="IAlertDispatch"/> too) and the posted-event handler.</summary>
    public static void AddFleetAlerting(this WebApplicationBuilder builder, NodeSettings settings, EntityRuntimeSettings runtime, IKubernetes? client)
    {
        if (settings.EventsAddr is { Length: > 0 } address)
        {
            var endpoint = EventsAddress.Parse(address);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        }
        var objects = (runtime.Alerts as AlertDispatcher)?.Objects ?? new NotificationObjects();
        builder.Services.AddSingleton(objects);
        builder.Services.AddSingleton<ProviderSender>();
        builder.Services.AddSingleton(services => runtime.Alerts as AlertDispatcher ?? new AlertDispatcher(
            objects,
            new AlertDispatchSettings
            {
                Clock = runtime.Clock,
                NoCrossNamespaceRefs = settings.Flags.NoCrossNamespaceRefs,
                RateLimitInterval = settings.RateLimitInterval,
            },
            client is null ? ProviderSecrets.None : ProviderSecrets.From(client),
            services.GetRequiredService<ProviderSender>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Fleet.Alerts")));
        builder.Services.AddSingleton<IAlertDispatch>(services => services.GetRequiredService<AlertDispatcher>());
        builder.Services.AddSingleton(services => new PostedEvents(
            services.GetRequiredService<AlertDispatcher>(),
            client is null ? (_, _) => Task.FromResult<IReadOnlyDictionary<string, string>?>(null) : LabelsFrom(new FluxObjectReader(client)),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Fleet.Events")));
    }

    /// <summary>Serves the event endpoint.</summary>
    public static void MapFleetAlerting(this WebApplication app, NodeSettings settings) =>
        app.MapFleetEvents(app.Services.GetRequiredService<PostedEvents>(), settings.EventsAddr is { Length: > 0 } address ? EventsAddress.Parse(address).Port : null);

    private static PostedEvents.LabelReader LabelsFrom(FluxObjectReader reader) => async (involved, cancellation) =>
    {
        try
        {
            var found = await reader.ReadAsync(new ObjectKey(involved.Kind, involved.Namespace, involved.Name), cancellation);
            return (found?["metadata"]?["labels"] as System.Text.Json.Nodes.JsonObject)?
                .Where(l => l.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String)
                .ToDictionary(l => l.Key, l => l.Value!.GetValue<string>(), StringComparer.Ordinal);
        }
        catch (Exception error) when (error is ArgumentException or Fleet.Actors.Apply.ApiCallException or HttpRequestException)
        {
            return null;
        }
    };
}
