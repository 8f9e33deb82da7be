using System.CommandLine;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;

namespace Fleet.Node.Crds;

/// <summary><c>fleet crds</c>: regenerates the CRDs under <c>k8s/crds/</c> from the API types.</summary>
public static class CrdCommands
{
    public static Command Create()
    {
        var outDir = new Option<string>("--out")
        {
            Description = "Directory to write the CRD files into",
            DefaultValueFactory = _ => Path.Combine("k8s", "crds"),
        };
        var toStdout = new Option<bool>("--stdout") { Description = "Print the CRDs as one YAML stream instead of writing files" };
        var command = new Command("crds", "Generate Fleet's CustomResourceDefinitions from its API types") { outDir, toStdout };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(toStdout))
            {
                foreach (var kind in FluxKinds.All)
                {
                    output.Write(CrdGenerator.ToYaml(CrdGenerator.Generate(kind)));
                }
                return 0;
            }
            var directory = parse.GetValue(outDir)!;
            Directory.CreateDirectory(directory);
            foreach (var (name, yaml) in CrdGenerator.Files(FluxKinds.All))
            {
                File.WriteAllText(Path.Combine(directory, name), yaml);
            }
            output.WriteLine($"wrote {FluxKinds.All.Count} CRDs to {directory}");
            return 0;
        });
        return command;
    }
}
