using System.Text;

namespace Fleet.Node.Commands.Tree;

/// <summary>One line of <c>flux tree</c> and the lines below it, drawn with flux's box characters.</summary>
public sealed record TreeNode(string Label, IReadOnlyList<TreeNode> Children)
{
    public string Render()
    {
        var text = new StringBuilder().Append(Label).Append('\n');
        AppendChildren(text, this, "");
        return text.ToString();
    }

    private static void AppendChildren(StringBuilder text, TreeNode node, string indent)
    {
        for (var i = 0; i < node.Children.Count; i++)
        {
            var last = i == node.Children.Count - 1;
            var child = node.Children[i];
            text.Append(indent).Append(last ? "└── " : "├── ").Append(child.Label).Append('\n');
            AppendChildren(text, child, indent + (last ? "    " : "│   "));
        }
    }
}
