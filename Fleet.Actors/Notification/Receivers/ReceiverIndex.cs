using System.Text.Json;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Notification;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Notification.Receivers;

/// <summary>
/// Every Receiver of the cluster by its <c>status.webhookPath</c>, fed by a watch on each node, as notification-controller
/// indexes its cache: a webhook call finds its Receiver without asking the API server.
/// </summary>
public sealed class ReceiverIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ReceiverEntry> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, string> _pathOf = [];

    /// <summary>Takes in what the watch saw: an object created or changed, or gone.</summary>
    public void Observe(IWithObjectKey change)
    {
        switch (change)
        {
            case EntityCommands.ObserveObject observed:
                Upsert(observed.Key, observed.ObjectJson);
                break;
            case EntityCommands.ForgetObject forgotten:
                lock (_lock)
                {
                    Remove(forgotten.Key);
                }
                break;
        }
    }

    public ReceiverEntry? Find(string path)
    {
        lock (_lock)
        {
            return _byPath.GetValueOrDefault(path);
        }
    }

    private void Upsert(ObjectKey key, string json)
    {
        Receiver? receiver;
        try
        {
            receiver = FleetJson.Deserialize<Receiver>(json);
        }
        catch (JsonException)
        {
            receiver = null;
        }
        lock (_lock)
        {
            Remove(key);
            if (receiver?.Status?.WebhookPath is { Length: > 0 } path)
            {
                var ready = receiver.Status.Conditions?.Any(c => c is { Type: ConditionTypes.Ready, Status: ConditionStatus.True }) == true;
                _byPath[path] = new ReceiverEntry(key, receiver.Spec ?? new ReceiverSpec(), ready);
                _pathOf[key] = path;
            }
        }
    }

    private void Remove(ObjectKey key)
    {
        if (_pathOf.Remove(key, out var path))
        {
            _byPath.Remove(path);
        }
    }
}
