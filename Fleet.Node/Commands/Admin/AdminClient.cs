using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Fleet.Node.Admin;
using Fleet.Node.Commands.Cli;

namespace Fleet.Node.Commands.Admin;

/// <summary>Calls one node's admin API with the bearer token; a refusal or an unreachable node becomes a <see cref="CliException"/> that says which.</summary>
public sealed class AdminClient(Uri node, string token) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = node };

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken) ?? throw new CliException($"node {node} answered {path} with nothing");
    }

    public async Task PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await SendAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"node {node} is unreachable: {e.Message}");
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var error = await ErrorOf(response, cancellationToken);
            throw new CliException(response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => $"node {node} refused the token (401 Unauthorized)",
                HttpStatusCode.Forbidden => $"the token may only read; {request.Method} {request.RequestUri} needs the write token (403 Forbidden)",
                _ => error ?? $"node {node} answered {(int)response.StatusCode} {response.ReasonPhrase}",
            });
        }
    }

    private static async Task<string?> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<AdminError>(cancellationToken))?.Error;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
