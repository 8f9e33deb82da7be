namespace Fleet.Node.Sandbox.Api;

/// <summary>One validation failure: a <c>details.causes</c> entry of a 422 Status.</summary>
/// <param name="Reason">The cause type, e.g. <c>FieldValueInvalid</c> or <c>FieldValueRequired</c>.</param>
/// <param name="Field">The field path, e.g. <c>spec.replicas</c>.</param>
/// <param name="Message">The message as the real server words it, e.g. <c>Required value</c>.</param>
public sealed record FieldError(string Reason, string Field, string Message);
