using System.Text.Json;
using Fleet.Messages.Api.Notification;
using Microsoft.Extensions.Logging;

namespace Fleet.Actors.Notification;

/// <summary>
/// notification-controller's event server for events Flux's own controllers post (a mixed installation): the body as a Flux
/// event (400 when it is not one, 413 above 3 MiB), its metadata cleaned as Flux does, 429 for a duplicate within the rate-limit
/// interval, else 202 once the matching Alerts' deliveries are under way. Posted events have no owning entity, so their
/// deliveries live in this node only.
/// </summary>
public sealed class PostedEvents(AlertDispatcher dispatcher, PostedEvents.LabelReader labels, ILogger logger)
{
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    /// <summary>Reads the involved object's labels; null when it cannot be read.</summary>
    public delegate Task<IReadOnlyDictionary<string, string>?> LabelReader(FluxEventObject involved, CancellationToken cancellation);

    /// <summary>Handles one posted body; returns the HTTP status to answer with.</summary>
    public async Task<int> AcceptAsync(ReadOnlyMemory<byte> body, CancellationToken cancellation)
    {
        if (body.Length > MaxBodyBytes)
        {
            return StatusCodes.PayloadTooLarge;
        }
        FluxEvent? posted;
        try
        {
            posted = JsonSerializer.Deserialize<FluxEvent>(body.Span);
        }
        catch (JsonException error)
        {
            logger.LogWarning("event server: decoding the request body failed: {Error}", error.Message);
            return StatusCodes.BadRequest;
        }
        if (posted is null)
        {
            return StatusCodes.BadRequest;
        }
        var @event = EventMetadata.CleanUp(posted);
        var objectLabels = dispatcher.NeedsLabels(@event) ? await labels(@event.InvolvedObject, cancellation) : null;
        var pending = dispatcher.Accept(@event, objectLabels, out var duplicate);
        if (duplicate)
        {
            return StatusCodes.TooManyRequests;
        }
        if (pending.Count == 0)
        {
            logger.LogInformation("discarding event, no alerts found for the involved object {Kind}/{Namespace}/{Name}", @event.InvolvedObject.Kind, @event.InvolvedObject.Namespace, @event.InvolvedObject.Name);
        }
        foreach (var delivery in pending)
        {
            _ = dispatcher.DeliverAsync(delivery, CancellationToken.None);
        }
        return StatusCodes.Accepted;
    }

    /// <summary>The statuses the event server answers with.</summary>
    public static class StatusCodes
    {
        public const int Accepted = 202;
        public const int BadRequest = 400;
        public const int PayloadTooLarge = 413;
        public const int TooManyRequests = 429;
    }
}
