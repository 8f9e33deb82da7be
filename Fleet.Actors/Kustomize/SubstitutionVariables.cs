using System.Net;
using System.Text;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;
using k8s;
using k8s.Autorest;

namespace Fleet.Actors.Kustomize;

/// <summary>
/// Collects postBuild variables as Flux does: the data of each `substituteFrom` ConfigMap or Secret (decoded) in
/// order, later ones overriding earlier ones, then the inline `substitute` map over all of them. Newlines are
/// removed from every value. A missing reference fails the build unless it is optional.
/// </summary>
public sealed class SubstitutionVariables(IKubernetes client)
{
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(string ns, KustomizationPostBuild? postBuild, CancellationToken ct)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (postBuild is null)
        {
            return variables;
        }
        foreach (var reference in postBuild.SubstituteFrom ?? [])
        {
            var data = await ReadReferenceAsync(ns, reference, ct);
            foreach (var (key, value) in data ?? [])
            {
                variables[key] = WithoutNewlines(value);
            }
        }
        foreach (var (key, value) in postBuild.Substitute ?? new Dictionary<string, string>())
        {
            variables[key] = WithoutNewlines(value);
        }
        return variables;
    }

    private async Task<IEnumerable<KeyValuePair<string, string>>?> ReadReferenceAsync(string ns, KustomizationSubstituteReference reference, CancellationToken ct)
    {
        try
        {
            switch (reference.Kind)
            {
                case "ConfigMap":
                    var configMap = await client.CoreV1.ReadNamespacedConfigMapAsync(reference.Name, ns, cancellationToken: ct);
                    return configMap.Data;
                case "Secret":
                    var secret = await client.CoreV1.ReadNamespacedSecretAsync(reference.Name, ns, cancellationToken: ct);
                    return secret.Data?.Select(e => KeyValuePair.Create(e.Key, Encoding.UTF8.GetString(e.Value)));
                default:
                    throw new KustomizeBuildException(ConditionReasons.BuildFailed,
                        $"substitute from '{reference.Kind}/{reference.Name}' error: kind must be ConfigMap or Secret");
            }
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            if (reference.Optional == true)
            {
                return null;
            }
            throw new KustomizeBuildException(ConditionReasons.BuildFailed,
                $"substitute from '{reference.Kind}/{reference.Name}' error: {Plural(reference.Kind)} \"{reference.Name}\" not found", error);
        }
        catch (HttpOperationException error)
        {
            throw new KustomizeBuildException(ConditionReasons.BuildFailed,
                $"substitute from '{reference.Kind}/{reference.Name}' error: the API server answered {(int)error.Response.StatusCode} {error.Response.StatusCode}", error);
        }
    }

    private static string Plural(string kind) => kind == "Secret" ? "secrets" : "configmaps";

    private static string WithoutNewlines(string value) => value.Replace("\n", "", StringComparison.Ordinal);
}
