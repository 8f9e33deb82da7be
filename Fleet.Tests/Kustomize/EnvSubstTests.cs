using Fleet.Actors.Kustomize.Substitution;

namespace Fleet.Tests.Kustomize;

/// <summary>Flux's `${…}` operators, one by one, on plain text.</summary>
public sealed class EnvSubstTests
{
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["NAME"] = "podinfo",
        ["VERSION"] = "v1.2.3",
        ["FILE"] = "app.tar.gz",
        ["EMPTY"] = "",
        ["PATHS"] = "/a/b/c",
    };

    private static string Strict(string text) =>
        EnvSubst.Evaluate(text, name => Variables.TryGetValue(name, out var value) ? (value, true) : ("", false));

    private static string Lenient(string text) =>
        EnvSubst.Evaluate(text, name => (Variables.GetValueOrDefault(name, ""), true));

    [Theory]
    [InlineData("name: ${NAME}", "name: podinfo")]
    [InlineData("${NAME}-${VERSION}", "podinfo-v1.2.3")]
    [InlineData("${MISSING:=fallback}", "fallback")]
    [InlineData("${MISSING:-fallback}", "fallback")]
    [InlineData("${MISSING=fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${NAME:-fallback}", "podinfo")]
    [InlineData("${MISSING:-${NAME}}", "podinfo")]
    [InlineData("${MISSING:-a ${NAME} b}", "a podinfo b")]
    [InlineData("${NAME:0:3}", "pod")]
    [InlineData("${NAME:3}", "info")]
    [InlineData("${NAME:-4}", "podinfo")]
    [InlineData("${VERSION/./-}", "v1-2.3")]
    [InlineData("${VERSION//./-}", "v1-2-3")]
    [InlineData("${VERSION/#v/V}", "V1.2.3")]
    [InlineData("${FILE/%.gz/.zst}", "app.tar.zst")]
    [InlineData("${PATHS//\\//_}", "_a_b_c")]
    [InlineData("${FILE#*.}", "tar.gz")]
    [InlineData("${FILE##*.}", "gz")]
    [InlineData("${FILE%.*}", "app.tar")]
    [InlineData("${FILE%%.*}", "app")]
    [InlineData("${NAME^}", "Podinfo")]
    [InlineData("${NAME^^}", "PODINFO")]
    [InlineData("${#NAME}", "7")]
    [InlineData("price: $5 and ${NAME}", "price: $5 and podinfo")]
    public void Operators_work_as_in_Flux(string text, string expected) => Assert.Equal(expected, Strict(text));

    [Theory]
    [InlineData("$${NAME}", "${NAME}")]
    [InlineData("a: $${NAME} b: ${NAME}", "a: ${NAME} b: podinfo")]
    [InlineData("$$HOME", "$HOME")]
    public void A_doubled_dollar_escapes_an_expression(string text, string expected) => Assert.Equal(expected, Strict(text));

    [Fact]
    public void Strict_mode_fails_on_an_unset_variable_without_default_and_names_it()
    {
        var error = Assert.Throws<EnvSubstException>(() => Strict("image: app:${TAG}"));
        Assert.Equal("variable not set (strict mode): \"TAG\"", error.Message);
        Assert.Throws<EnvSubstException>(() => Strict("${TAG^^}"));
    }

    [Fact]
    public void Without_strict_mode_an_unset_variable_is_empty() => Assert.Equal("image: app:", Lenient("image: app:${TAG}"));

    [Theory]
    [InlineData("${NAME")]
    [InlineData("${}")]
    [InlineData("${NAME-x}")]
    public void A_malformed_expression_fails(string text) => Assert.Throws<EnvSubstException>(() => Strict(text));
}
