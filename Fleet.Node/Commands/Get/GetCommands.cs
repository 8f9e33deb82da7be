using System.CommandLine;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Cli;

namespace Fleet.Node.Commands.Get;

/// <summary><c>fleet get</c>: the status of Flux objects, as <c>flux get</c> prints it.</summary>
public static class GetCommands
{
    /// <summary>Flux's order for <c>get sources all</c>.</summary>
    private static readonly FluxKind[] Sources =
        [FluxKinds.OCIRepository, FluxKinds.Bucket, FluxKinds.GitRepository, FluxKinds.HelmRepository, FluxKinds.HelmChart];

    private static readonly FluxKind[] Images = [FluxKinds.ImageRepository, FluxKinds.ImagePolicy, FluxKinds.ImageUpdateAutomation];

    private static readonly Option<string?> StatusSelector = new("--status-selector")
    {
        Description = "Only objects whose condition has this status, e.g. ready=false or ready!=true",
        Recursive = true,
    };

    private static readonly Option<string?> LabelSelector = new("--label-selector", "-l") { Description = "Only objects with these labels (key=value,...)", Recursive = true };

    private static readonly Option<bool> NoHeader = new("--no-header") { Description = "Skip the header when printing the table", Recursive = true };

    private static readonly Option<bool> Watch = new("--watch", "-w") { Description = "After listing, print each change of the objects", Recursive = true };

    private static readonly Option<string> Output = new("--output", "-o")
    {
        Description = "Output format: table, json or yaml",
        Recursive = true,
        DefaultValueFactory = _ => "table",
    };

    public static Command Create()
    {
        Output.AcceptOnlyFromAmong("table", "json", "yaml");
        var sources = new Command("sources", "Get source statuses")
        {
            Leaf("git", "Get GitRepository source statuses", [], FluxKinds.GitRepository),
            Leaf("helm", "Get HelmRepository source statuses", [], FluxKinds.HelmRepository),
            Leaf("oci", "Get OCIRepository source statuses", [], FluxKinds.OCIRepository),
            Leaf("bucket", "Get Bucket source statuses", [], FluxKinds.Bucket),
            Leaf("chart", "Get HelmChart statuses", [], FluxKinds.HelmChart),
            All("Get all source statuses", Sources),
        };
        sources.Aliases.Add("source");
        var images = new Command("images", "Get image automation object statuses")
        {
            Leaf("repository", "Get ImageRepository statuses", [], FluxKinds.ImageRepository),
            Leaf("policy", "Get ImagePolicy statuses", [], FluxKinds.ImagePolicy),
            Leaf("update", "Get ImageUpdateAutomation statuses", [], FluxKinds.ImageUpdateAutomation),
            All("Get all image statuses", Images),
        };
        images.Aliases.Add("image");
        var get = new Command("get", "Get the status of Flux objects, as flux get prints it.\n\nExample:\n  fleet get ks -A --status-selector ready=false\n  fleet get sources git podinfo -o yaml")
        {
            StatusSelector,
            LabelSelector,
            NoHeader,
            Watch,
            Output,
            sources,
            Leaf("kustomizations", "Get Kustomization statuses", ["ks", "kustomization"], FluxKinds.Kustomization),
            Leaf("helmreleases", "Get HelmRelease statuses", ["hr", "helmrelease"], FluxKinds.HelmRelease),
            images,
            Leaf("alerts", "Get Alert statuses", ["alert"], FluxKinds.Alert),
            Leaf("alert-providers", "Get Provider statuses", ["alert-provider"], FluxKinds.Provider),
            Leaf("receivers", "Get Receiver statuses", ["receiver"], FluxKinds.Receiver),
            All("Get the statuses of all Flux objects", [.. Sources, FluxKinds.HelmRelease, FluxKinds.Kustomization, FluxKinds.Receiver, FluxKinds.Alert, FluxKinds.Provider, .. Images]),
        };
        return KubeOptions.AddTo(get);
    }

    private static Command Leaf(string name, string description, string[] aliases, FluxKind kind)
    {
        var objectName = new Argument<string?>("name") { Description = "Only the object of this name", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(name, $"{description}.\n\nExample:\n  fleet get {name} -A") { objectName };
        foreach (var alias in aliases)
        {
            command.Aliases.Add(alias);
        }
        CliAction.Set(command, context =>
        {
            var request = RequestOf(context, context.Get(objectName), all: false);
            var lister = new FluxObjectLister(context.Client, context.Output);
            return context.Get(Watch) ? lister.WatchAsync(kind, request, context.Deadline) : lister.PrintAsync([kind], request, context.Deadline);
        });
        return command;
    }

    private static Command All(string description, FluxKind[] kinds)
    {
        var command = new Command("all", description);
        CliAction.Set(command, context => context.Get(Watch)
            ? throw new CliException("expected a single resource type, but found all")
            : new FluxObjectLister(context.Client, context.Output).PrintAsync(kinds, RequestOf(context, null, all: true), context.Deadline));
        return command;
    }

    private static GetRequest RequestOf(CliContext context, string? name, bool all) =>
        new(KubeOptions.NamespaceFor(context.Parse), name, all, Get.StatusSelector.Parse(context.Get(StatusSelector)), context.Get(Output) ?? "table", context.Get(NoHeader), context.Get(LabelSelector));
}
