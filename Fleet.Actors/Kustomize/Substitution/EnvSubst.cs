using System.Text;

namespace Fleet.Actors.Kustomize.Substitution;

/// <summary>
/// Flux's variable substitution (fluxcd/pkg envsubst): replaces `${…}` expressions in a text.
/// <c>lookup</c> answers a variable's value and whether it is set; an unset variable used without a
/// default-giving operator (`-`, `=`, `?`, `+` with or without `:`) fails with "variable not set (strict mode)".
/// `$${var}` writes `${var}` literally.
/// </summary>
public static class EnvSubst
{
    public static string Evaluate(string text, Func<string, (string Value, bool Exists)> lookup)
    {
        var root = EnvSubstParser.Parse(text);
        var output = new StringBuilder(text.Length);
        Write(root, lookup, output);
        return output.ToString();
    }

    private static void Write(EnvSubstNode node, Func<string, (string Value, bool Exists)> lookup, StringBuilder output)
    {
        switch (node)
        {
            case EnvSubstNode.Text text:
                output.Append(text.Value);
                break;
            case EnvSubstNode.Sequence sequence:
                foreach (var child in sequence.Nodes)
                {
                    Write(child, lookup, output);
                }
                break;
            case EnvSubstNode.Function function:
                var args = function.Args.Select(argument =>
                {
                    var buffer = new StringBuilder();
                    Write(argument, lookup, buffer);
                    return buffer.ToString();
                }).ToArray();
                var (value, exists) = lookup(function.Param);
                if (!exists && !IsDefaultOperator(function.Name))
                {
                    throw new EnvSubstException($"variable not set (strict mode): \"{function.Param}\"");
                }
                output.Append(EnvSubstFunctions.Apply(function.Name, value, args));
                break;
        }
    }

    private static bool IsDefaultOperator(string name) => name is "-" or "+" or "=" or "?" or ":-" or ":+" or ":=" or ":?";
}
