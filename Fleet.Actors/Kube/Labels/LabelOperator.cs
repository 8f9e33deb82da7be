namespace Fleet.Actors.Kube.Labels;

/// <summary>The operators of a label requirement, as apimachinery's <c>selection.Operator</c> has them.</summary>
public enum LabelOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}
