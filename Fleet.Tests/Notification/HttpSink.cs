using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Notification;

/// <summary>A real HTTP server on loopback that records every request a provider sends, and can refuse the first ones.</summary>
public sealed class HttpSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _refuse;

    private HttpSink(WebApplication app) => _app = app;

    /// <summary>Accepted requests, in arrival order.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    public int Refused;

    public string Url { get; private set; } = "";

    /// <summary>Answers 503 to the next <paramref name="count"/> requests (or to all until <see cref="Accept"/> when negative).</summary>
    public void Refuse(int count) => Volatile.Write(ref _refuse, count);

    public void Accept() => Volatile.Write(ref _refuse, 0);

    public static async Task<HttpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var sink = new HttpSink(app);
        app.Run(sink.HandleAsync);
        await app.StartAsync();
        sink.Url = app.Urls.First().TrimEnd('/');
        return sink;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var refuse = Volatile.Read(ref _refuse);
        if (refuse != 0)
        {
            if (refuse > 0)
            {
                Interlocked.Decrement(ref _refuse);
            }
            Interlocked.Increment(ref Refused);
            context.Response.StatusCode = 503;
            return;
        }
        Requests.Enqueue(new Received(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        context.Response.StatusCode = 200;
        await context.Response.WriteAsync("{\"ok\":true}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
}
