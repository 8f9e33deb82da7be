using System.Collections.Concurrent;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Notification;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Notification;

/// <summary>The node's watch cache of Alerts and Providers: static objects, read on every event, never reconciled.</summary>
public sealed class NotificationObjects
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), Alert> _alerts = new();
    private readonly ConcurrentDictionary<(string Namespace, string Name), Provider> _providers = new();

    public IEnumerable<Alert> Alerts => _alerts.Values;

    public Alert? Alert(string @namespace, string name) => _alerts.GetValueOrDefault((@namespace, name));

    public Provider? Provider(string @namespace, string name) => _providers.GetValueOrDefault((@namespace, name));

    /// <summary>Takes a change from the Alert or Provider watch; an object that cannot be read is dropped, as if deleted.</summary>
    public void Observe(IWithObjectKey message)
    {
        var key = (message.Key.Namespace, message.Key.Name);
        switch (message)
        {
            case EntityCommands.ObserveObject observe when message.Key.Kind == FluxKinds.Alert.Kind:
                Put(_alerts, key, ReadOrNull<Alert>(observe.ObjectJson));
                break;
            case EntityCommands.ObserveObject observe when message.Key.Kind == FluxKinds.Provider.Kind:
                Put(_providers, key, ReadOrNull<Provider>(observe.ObjectJson));
                break;
            case EntityCommands.ForgetObject when message.Key.Kind == FluxKinds.Alert.Kind:
                _alerts.TryRemove(key, out _);
                break;
            case EntityCommands.ForgetObject when message.Key.Kind == FluxKinds.Provider.Kind:
                _providers.TryRemove(key, out _);
                break;
        }
    }

    /// <summary>Adds or replaces an Alert directly (tests and the node's own wiring).</summary>
    public void Put(Alert alert) => _alerts[(alert.Metadata.NamespaceProperty, alert.Metadata.Name)] = alert;

    /// <summary>Adds or replaces a Provider directly (tests and the node's own wiring).</summary>
    public void Put(Provider provider) => _providers[(provider.Metadata.NamespaceProperty, provider.Metadata.Name)] = provider;

    private static void Put<T>(ConcurrentDictionary<(string, string), T> objects, (string, string) key, T? value)
        where T : class
    {
        if (value is null)
        {
            objects.TryRemove(key, out _);
        }
        else
        {
            objects[key] = value;
        }
    }

    private static T? ReadOrNull<T>(string json)
        where T : class
    {
        try
        {
            return FleetJson.Deserialize<T>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
