using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Catalog;
using Fleet.Node.Sandbox.Objects;
using Fleet.Node.Sandbox.Store;
using Microsoft.AspNetCore.Http;

namespace Fleet.Node.Sandbox.Http;

/// <summary>
/// Serves one <c>?watch=true</c> request: a chunked stream of <c>{"type","object"}</c> lines, flushed per event, in
/// resourceVersion order. Selector watches turn objects that start or stop matching into ADDED and DELETED events.
/// Bookmarks (when allowed) carry a resourceVersion the client has fully seen. A resourceVersion older than the
/// event log yields one 410 ERROR event. The stream ends cleanly at <c>timeoutSeconds</c>.
/// </summary>
public sealed class WatchStream(ObjectStore store, TimeSpan bookmarkInterval)
{
    private const int DefaultTimeoutSeconds = 1800;

    /// <param name="render">Turns each event's object into what is sent (a one-row Table for kubectl); the flag is
    /// true for the first event only.</param>
    public async Task RunAsync(HttpContext context, ResourceType type, string? ns, ListOptions selection, QueryOptions query, Func<JsonObject, bool, JsonObject>? render = null)
    {
        var contentType = render is null ? "application/json" : Tables.TableConverter.ContentType;
        var rvText = query["resourceVersion"];
        var streamingList = query.Flag("sendInitialEvents");
        if (streamingList && (query["resourceVersionMatch"] != "NotOlderThan" || !query.Flag("allowWatchBookmarks")))
        {
            throw ApiStatus.BadRequest("sendInitialEvents requires resourceVersionMatch=NotOlderThan and allowWatchBookmarks=true");
        }

        long? from = streamingList || rvText is null or "" or "0" ? null
            : long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : throw ApiStatus.BadRequest($"invalid resource version: {rvText}");
        var bookmarks = query.Flag("allowWatchBookmarks");
        var timeout = TimeSpan.FromSeconds(query.Int("timeoutSeconds") is int t and > 0 ? t : DefaultTimeoutSeconds);

        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache, private";
        var body = context.Response.Body;

        WatchSubscription subscription;
        try
        {
            subscription = store.Watch(type.StoreKey, ns, from);
        }
        catch (ApiException e) when (e.Code == 410)
        {
            await WriteEventAsync(body, "ERROR", e.ToStatus(), context.RequestAborted);
            return;
        }

        using (subscription)
        {
            await context.Response.StartAsync(context.RequestAborted);
            await body.FlushAsync(context.RequestAborted);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            deadline.CancelAfter(timeout);
            var first = true;
            var read = 0;
            var initialEventsEnded = false;
            try
            {
                while (true)
                {
                    if (streamingList && !initialEventsEnded && read == subscription.BacklogCount)
                    {
                        initialEventsEnded = true;
                        // A streaming list ends its initial events with an annotated bookmark at the list's version.
                        await WriteEventAsync(body, "BOOKMARK", Bookmark(type, subscription.StartResourceVersion, initialEventsEnd: true), deadline.Token);
                    }

                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                    tick.CancelAfter(bookmarkInterval);
                    StoreEvent e;
                    try
                    {
                        e = await subscription.Events.ReadAsync(tick.Token);
                    }
                    catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
                    {
                        if (bookmarks && subscription.CaughtUpResourceVersion() is long rv)
                        {
                            await WriteEventAsync(body, "BOOKMARK", Bookmark(type, rv), deadline.Token);
                        }

                        continue;
                    }

                    read++;
                    var (eventType, obj) = Translate(e, selection);
                    if (eventType is null)
                    {
                        continue;
                    }

                    var rendered = ObjectService.WithTypeMeta(type, obj.DeepClone().AsObject());
                    if (render is not null)
                    {
                        rendered = render(rendered, first);
                    }

                    first = false;
                    await WriteEventAsync(body, eventType, rendered, deadline.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // Timeout or client gone: the stream simply ends, as the real server's does.
            }
            catch (ChannelClosedException)
            {
                // The subscription was closed (server shutting down).
            }
        }
    }

    /// <summary>The event a watcher with <paramref name="selection"/> sees for a store event, or null for none.</summary>
    public static (string? Type, JsonObject Object) Translate(StoreEvent e, ListOptions selection)
    {
        bool Matches(JsonObject? o) => o is not null && selection.Labels.Matches(o) && selection.Fields.Matches(o);
        var now = Matches(e.Object);
        return e.Type switch
        {
            StoreEventType.Added => (now ? "ADDED" : null, e.Object),
            StoreEventType.Deleted => (now ? "DELETED" : null, e.Object),
            _ => (Matches(e.Previous), now) switch
            {
                (true, true) => ("MODIFIED", e.Object),
                (false, true) => ("ADDED", e.Object),
                (true, false) => ("DELETED", e.Object),
                _ => (null, e.Object),
            },
        };
    }

    private static JsonObject Bookmark(ResourceType type, long rv, bool initialEventsEnd = false)
    {
        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.GroupVersion, ["metadata"] = metadata };
    }

    private static async Task WriteEventAsync(Stream body, string type, JsonObject obj, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("object");
            obj.WriteTo(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        await body.FlushAsync(ct);
    }
}
