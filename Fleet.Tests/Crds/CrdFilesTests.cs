using System.CommandLine;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Node.Crds;

namespace Fleet.Tests.Crds;

/// <summary>The committed CRDs are exactly what the API types generate, and <c>fleet crds</c> writes them.</summary>
public class CrdFilesTests
{
    [Fact]
    public void CommittedCrdFilesEqualTheGeneratorOutputWithNoStrayFiles()
    {
        var generated = CrdGenerator.Files(FluxKinds.All);
        var committed = Directory.GetFiles(CommittedCrds.DirectoryPath).Select(Path.GetFileName).OfType<string>().ToHashSet();

        var problems = generated
            .Where(file => !committed.Contains(file.Key) || File.ReadAllText(Path.Combine(CommittedCrds.DirectoryPath, file.Key)) != file.Value)
            .Select(file => committed.Contains(file.Key) ? $"{file.Key} differs from what the API types generate" : $"{file.Key} is missing")
            .Concat(committed.Where(name => !generated.ContainsKey(name)).Select(name => $"{name} is not generated from any kind (delete it)"))
            .ToList();

        Assert.True(problems.Count == 0,
            $"k8s/crds/ is out of date with the C# API types:\n  {string.Join("\n  ", problems)}\n"
            + $"Regenerate from the repository root with: {CommittedCrds.RegenerateCommand}");
    }

    [Fact]
    public void CrdsCommandWritesEveryFileIntoTheOutDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("fleet-crds-").FullName;
        try
        {
            var exitCode = CrdCommands.Create().Parse(["--out", directory]).Invoke(new InvocationConfiguration { Output = new StringWriter() });

            Assert.Equal(0, exitCode);
            var expected = CrdGenerator.Files(FluxKinds.All);
            Assert.Equal(expected.Keys.Order(), Directory.GetFiles(directory).Select(Path.GetFileName).Order());
            Assert.All(expected, file => Assert.Equal(file.Value, File.ReadAllText(Path.Combine(directory, file.Key))));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void CrdsCommandWithStdoutPrintsOneYamlStreamOfEveryCrd()
    {
        var output = new StringWriter();

        var exitCode = CrdCommands.Create().Parse(["--stdout"]).Invoke(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        var names = YamlJson.ParseDocuments(output.ToString()).Select(d => (string?)d!["metadata"]!["name"]);
        Assert.Equal(FluxKinds.All.Select(k => k.CrdName), names);
    }
}
