using System.Globalization;
using Fleet.Node.Sandbox.Git;

namespace Fleet.Bench;

/// <summary>
/// The sandbox's git server (`git http-backend` behind Kestrel on 127.0.0.1, no auth) serving every repository under a root,
/// run in a child process (see <see cref="GitServerProcess"/>) so that its CPU and heap stay out of the measured process.
/// </summary>
public static class GitHttpFront
{
    /// <summary>Serves <paramref name="root"/> on a free loopback port, writes the port on stdout, and runs until stdin closes.</summary>
    public static async Task ServeAsync(string root)
    {
        await using var server = await GitHttpServer.StartAsync(root);
        Console.WriteLine(new Uri(server.BaseUrl).Port.ToString(CultureInfo.InvariantCulture));
        await Console.In.ReadToEndAsync();
    }
}
