using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fleet.Bench;

/// <summary>
/// `git http-backend` behind Kestrel on 127.0.0.1, serving every repository under a root without auth.
/// Runs in a child process (see <see cref="GitServerProcess"/>) so that its CPU and heap stay out of the measured process.
/// </summary>
public static class GitHttpFront
{
    /// <summary>Serves <paramref name="root"/> on a free loopback port, writes the port on stdout, and runs until stdin closes.</summary>
    public static async Task ServeAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(context => HandleAsync(context, root));
        await app.StartAsync();
        Console.WriteLine(new Uri(app.Urls.First()).Port.ToString(CultureInfo.InvariantCulture));
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
    }

    private static async Task HandleAsync(HttpContext context, string root)
    {
        var request = context.Request;
        var start = new ProcessStartInfo("git", "http-backend")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = root;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["PATH_INFO"] = request.Path.Value ?? "/";
        start.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        start.Environment["HTTP_CONTENT_ENCODING"] = request.Headers.ContentEncoding.ToString();
        start.Environment["GIT_PROTOCOL"] = request.Headers["Git-Protocol"].ToString();
        if (request.ContentLength is { } length)
        {
            start.Environment["CONTENT_LENGTH"] = length.ToString(CultureInfo.InvariantCulture);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git http-backend did not start");
        await request.Body.CopyToAsync(process.StandardInput.BaseStream, context.RequestAborted);
        process.StandardInput.Close();
        await CopyCgiResponseAsync(process.StandardOutput.BaseStream, context.Response, context.RequestAborted);
        await process.WaitForExitAsync(context.RequestAborted);
    }

    /// <summary>CGI output is header lines, a blank line, then the body.</summary>
    private static async Task CopyCgiResponseAsync(Stream cgi, HttpResponse response, CancellationToken cancellation)
    {
        var header = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(header) && await cgi.ReadAsync(one, cancellation) == 1)
        {
            header.Add(one[0]);
        }
        foreach (var line in Encoding.ASCII.GetString(header.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.IndexOf(':');
            if (separator < 0)
            {
                continue;
            }
            var name = line[..separator].Trim();
            var value = line[(separator + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                response.StatusCode = int.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture);
            }
            else
            {
                response.Headers.Append(name, value);
            }
        }
        await cgi.CopyToAsync(response.Body, cancellation);
    }

    private static bool EndsWithBlankLine(List<byte> header)
    {
        var n = header.Count;
        return n >= 2 && header[n - 1] == '\n' && (header[n - 2] == '\n' || (n >= 3 && header[n - 2] == '\r' && header[n - 3] == '\n'));
    }
}
