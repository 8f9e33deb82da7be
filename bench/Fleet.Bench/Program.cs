using System.Diagnostics;
using System.Globalization;
using Fleet.Bench;
using Fleet.Node.Sandbox;

// Benchmarks; run with `dotnet run -c Release --project bench/Fleet.Bench [-- ...]` (see bench/README.md).
if (args is [GitServerProcess.Command, var root])
{
    await GitHttpFront.ServeAsync(root);
    return;
}
if (args is ["gitrepositories", ..])
{
    var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
    var repositories = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
    Console.WriteLine($"{Environment.ProcessorCount} cores; .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    await GitRepositoryScale.RunAsync(count, repositories, idle: TimeSpan.FromSeconds(60));
    return;
}

if (args is ["kustomizations", ..])
{
    int[] counts = args.Length > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [100, 1000];
    Console.WriteLine($"{Environment.ProcessorCount} cores; .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    await KustomizationScale.RunAsync(counts);
    return;
}

if (args is ["webhooks", ..])
{
    var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
    var trials = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
    Console.WriteLine($"{Environment.ProcessorCount} cores; .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    await WebhookLatency.RunAsync(count, trials);
    return;
}

if (args is ["alerts", ..])
{
    var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
    Console.WriteLine($"{Environment.ProcessorCount} cores; .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    await AlertThroughput.RunAsync(count);
    return;
}

if (args is ["failover", ..])
{
    var kills = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
    var kustomizations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
    Console.WriteLine($"{Environment.ProcessorCount} cores; .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load {MachineLoad.Average()}");
    await FailoverBench.RunAsync(kills, kustomizations);
    return;
}

if (args is ["requests", ..])
{
    var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
    Console.WriteLine($"{Environment.ProcessorCount} cores; .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    await RequestCosts.RunAsync(count);
    return;
}

var objects = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
await using var server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { EventLogCapacity = 50_000 });
Console.WriteLine($"sandbox API server at {server.Url}; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

var apply = await ApplyThroughput.RunAsync(server, objects, clients: 8);
Console.WriteLine($"server-side apply: {objects} ConfigMaps, 8 clients: {apply.Elapsed.TotalSeconds:F2} s, {objects / apply.Elapsed.TotalSeconds:F0} applies/s");

var fanOut = await WatchFanOut.RunAsync(server, watchers: 100, changes: 200);
Console.WriteLine($"watch fan-out: 100 watchers x 200 changes: p50 {fanOut.P50:F1} ms, p99 {fanOut.P99:F1} ms, max {fanOut.Max:F1} ms");
Debug.Assert(fanOut.Received == 100 * 200, "every watcher saw every change");
