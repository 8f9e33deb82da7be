using System.Collections.Concurrent;

namespace Fleet.Tests.Apply;

/// <summary>Records every request a client sends (method, path and query), to count what the apply engine asks of the API server.</summary>
public sealed class RequestLog : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _requests = new();

    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>The requests of <paramref name="method"/> whose path ends with <c>/<paramref name="plural"/>/&lt;name&gt;</c> for one of <paramref name="names"/>.</summary>
    public IReadOnlyList<string> To(string method, string plural, IEnumerable<string> names)
    {
        var suffixes = names.Select(n => $"/{plural}/{n}").ToList();
        return [.. Requests.Where(r => r.StartsWith(method + " ", StringComparison.Ordinal) && suffixes.Any(s => r.Split('?')[0].EndsWith(s, StringComparison.Ordinal)))];
    }

    public void Clear() => _requests.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue($"{request.Method} {request.RequestUri?.PathAndQuery}");
        return base.SendAsync(request, cancellationToken);
    }
}
