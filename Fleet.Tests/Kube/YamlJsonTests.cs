using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;

namespace Fleet.Tests.Kube;

/// <summary>YAML is read as Kubernetes reads it (YAML 1.1 plain scalars) and written so that it reads back unchanged.</summary>
public class YamlJsonTests
{
    [Fact]
    public void ReadsEveryDocumentOfAStream()
    {
        var documents = YamlJson.ParseDocuments("kind: A\n---\nkind: B\n---\nkind: C\n");

        Assert.Equal(["A", "B", "C"], documents.Select(d => d!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public void SkipsEmptyAndCommentOnlyDocuments()
    {
        var documents = YamlJson.ParseDocuments("---\n---\n# only a comment\n---\nkind: A\n---\n\n---\nkind: B\n...\n");

        Assert.Equal(["A", "B"], documents.Select(d => d!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public void AnEmptyStreamHasNoDocuments()
    {
        Assert.Empty(YamlJson.ParseDocuments(""));
        Assert.Null(YamlJson.ParseSingle("# nothing here\n"));
    }

    [Fact]
    public void ParseSingleRejectsAStreamOfTwoObjects()
    {
        var error = Assert.Throws<FormatException>(() => YamlJson.ParseSingle("a: 1\n---\nb: 2\n"));
        Assert.Contains("found 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSingleReadsJsonText()
    {
        var node = YamlJson.ParseSingle("{\"spec\": {\"replicas\": 3, \"paused\": false, \"name\": \"web\", \"tags\": [\"a\", null]}}");

        Assert.Equal("{\"spec\":{\"replicas\":3,\"paused\":false,\"name\":\"web\",\"tags\":[\"a\",null]}}", YamlJson.ToCompactJson(node));
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("YES", true)]
    [InlineData("y", true)]
    [InlineData("on", true)]
    [InlineData("On", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("no", false)]
    [InlineData("N", false)]
    [InlineData("off", false)]
    [InlineData("OFF", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public void PlainYaml11BooleansAreBooleans(string scalar, bool expected)
    {
        var value = Value($"v: {scalar}");

        Assert.Equal(expected ? JsonValueKind.True : JsonValueKind.False, value.GetValueKind());
    }

    [Theory]
    [InlineData("0755", 493)]
    [InlineData("0644", 420)]
    [InlineData("0x1F", 31)]
    [InlineData("0X1F", 31)]
    [InlineData("-0x1F", -31)]
    [InlineData("0o17", 15)]
    [InlineData("0b101", 5)]
    [InlineData("1_000", 1000)]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("+12", 12)]
    [InlineData("0", 0)]
    [InlineData("9007199254740993", 9007199254740993)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0x7FFFFFFFFFFFFFFF", long.MaxValue)]
    public void PlainIntegersAreWholeNumbers(string scalar, long expected)
    {
        var value = Value($"v: {scalar}");

        Assert.Equal(JsonValueKind.Number, value.GetValueKind());
        Assert.True(value.TryGetValue<long>(out var number), $"{scalar} was not read as a long");
        Assert.Equal(expected, number);
        Assert.Equal($"{{\"v\":{expected}}}", YamlJson.ToCompactJson(YamlJson.ParseSingle($"v: {scalar}")));
    }

    [Fact]
    public void IntegersBeyondALongStayWholeNumbers()
    {
        Assert.Equal("{\"v\":18446744073709551615}", YamlJson.ToCompactJson(YamlJson.ParseSingle("v: 0xFFFFFFFFFFFFFFFF")));
        Assert.Equal("{\"v\":18446744073709551615}", YamlJson.ToCompactJson(YamlJson.ParseSingle("v: 18446744073709551615")));
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData(".5", 0.5)]
    [InlineData("1e3", 1000)]
    [InlineData("1.5e-3", 0.0015)]
    [InlineData("1_000.5", 1000.5)]
    [InlineData("08", 8)]
    [InlineData("09.5", 9.5)]
    [InlineData("0778", 778)]
    public void PlainFloatsAreNumbers(string scalar, double expected)
    {
        var value = Value($"v: {scalar}");

        Assert.Equal(JsonValueKind.Number, value.GetValueKind());
        Assert.Equal(expected, value.GetValue<double>());
    }

    [Theory]
    [InlineData("v: ~")]
    [InlineData("v: null")]
    [InlineData("v: Null")]
    [InlineData("v: NULL")]
    [InlineData("v:")]
    public void PlainNullsAreNull(string yaml)
    {
        var node = YamlJson.ParseSingle(yaml)!.AsObject();

        Assert.True(node.ContainsKey("v"));
        Assert.Null(node["v"]);
    }

    [Theory]
    [InlineData("v: \"yes\"", "yes")]
    [InlineData("v: 'yes'", "yes")]
    [InlineData("v: '123'", "123")]
    [InlineData("v: \"0755\"", "0755")]
    [InlineData("v: \"null\"", "null")]
    [InlineData("v: \"~\"", "~")]
    [InlineData("v: \"\"", "")]
    [InlineData("v: ''", "")]
    [InlineData("v: !!str 123", "123")]
    [InlineData("v: !!str yes", "yes")]
    [InlineData("v: |\n  true\n", "true\n")]
    [InlineData("v: |-\n  123\n", "123")]
    [InlineData("v: >-\n  null\n", "null")]
    [InlineData("v: >\n  one\n  two\n", "one two\n")]
    [InlineData("v: hello world", "hello world")]
    [InlineData("v: 1.2.3", "1.2.3")]
    [InlineData("v: 1e", "1e")]
    [InlineData("v: 0x", "0x")]
    [InlineData("v: 1_000s", "1_000s")]
    [InlineData("v: 2024-01-01", "2024-01-01")]
    [InlineData("v: 1m30s", "1m30s")]
    [InlineData("v: 1e500", "1e500")]
    [InlineData("v: _1", "_1")]
    [InlineData("v: .inf", ".inf")]
    public void QuotedBlockAndNonNumericScalarsAreStrings(string yaml, string expected)
    {
        var value = Value(yaml);

        Assert.Equal(JsonValueKind.String, value.GetValueKind());
        Assert.Equal(expected, value.GetValue<string>());
    }

    [Fact]
    public void ReadsNestedMappingsAndSequences()
    {
        var node = YamlJson.ParseSingle("""
            metadata:
              name: web
              labels: {app: web, tier: "1"}
            spec:
              ports:
                - port: 80
                  name: http
                - port: 443
              args: [a, 2, true]
            """);

        Assert.Equal(
            "{\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\",\"tier\":\"1\"}},\"spec\":{\"ports\":[{\"port\":80,\"name\":\"http\"},{\"port\":443}],\"args\":[\"a\",2,true]}}",
            YamlJson.ToCompactJson(node));
    }

    [Fact]
    public void DuplicateKeysAreRejectedWithTheirLine()
    {
        var error = Assert.Throws<FormatException>(() => YamlJson.ParseSingle("metadata:\n  name: a\n  name: b\n"));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spec:\n  a: [1, 2\n", "line")]
    [InlineData("a: b\n c: d\n  - e\n", "line")]
    [InlineData("a: 'unterminated\n", "line")]
    [InlineData("key: value\n\tbad: tab\n", "line")]
    public void InvalidYamlIsAFormatExceptionNamingTheLine(string yaml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => YamlJson.ParseDocuments(yaml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MergeKeysAreRejected()
    {
        var error = Assert.Throws<FormatException>(() => YamlJson.ParseSingle("base: &b {a: 1}\nderived:\n  <<: *b\n"));
        Assert.Contains("merge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AliasesAreExpanded()
    {
        var node = YamlJson.ParseSingle("base: &b {a: 1}\ncopy: *b\n");

        Assert.Equal("{\"base\":{\"a\":1},\"copy\":{\"a\":1}}", YamlJson.ToCompactJson(node));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("yes")]
    [InlineData("off")]
    [InlineData("y")]
    [InlineData("123")]
    [InlineData("-1")]
    [InlineData("0755")]
    [InlineData("0x1F")]
    [InlineData("1_000")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData(".5")]
    [InlineData("08")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" leading and trailing ")]
    [InlineData("- looks like a list")]
    [InlineData("key: value")]
    [InlineData("# not a comment")]
    [InlineData("a #b")]
    [InlineData("{flow}")]
    [InlineData("[1, 2]")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("'single'")]
    [InlineData("\"double\"")]
    [InlineData("@at")]
    [InlineData("%percent")]
    [InlineData("line one\nline two")]
    [InlineData("ends with newline\n")]
    [InlineData("two newlines\n\n")]
    [InlineData("\n starts with a newline")]
    [InlineData("  indented first line\nsecond")]
    [InlineData("tab\tinside")]
    [InlineData("trailing space \nnext")]
    [InlineData("unicode ✓ ü")]
    [InlineData("main@sha1:0123456789abcdef")]
    [InlineData("2024-01-01")]
    public void StringsThatLookLikeOtherThingsRoundTrip(string text)
    {
        var original = new JsonObject { ["data"] = text, ["list"] = new JsonArray(text, text) };

        var yaml = YamlJson.Serialize(original);
        var read = YamlJson.ParseSingle(yaml);

        Assert.True(JsonNode.DeepEquals(original, read), $"changed in a round trip:\n{yaml}\nread back: {YamlJson.ToCompactJson(read)}");
    }

    [Fact]
    public void LongStringsRoundTripWhereverTheWriterWrapsThem()
    {
        var words = string.Join(" ", Enumerable.Range(0, 60).Select(i => $"word{i}"));
        var texts = new[]
        {
            words,
            words.Replace(" ", "  ", StringComparison.Ordinal),
            "@" + words,
            "'" + words + "'",
            words + "\n" + words + "   \n\n",
            new string('x', 500),
            "sha256:" + new string('a', 64) + " " + new string('b', 64) + " " + new string('c', 64),
        };
        foreach (var text in texts)
        {
            var original = new JsonObject { ["spec"] = new JsonObject { ["values"] = new JsonObject { ["text"] = text } } };

            var yaml = YamlJson.Serialize(original);

            Assert.Equal(text, YamlJson.ParseSingle(yaml)!["spec"]!["values"]!["text"]!.GetValue<string>());
        }
    }

    [Fact]
    public void ParsedObjectsRoundTripThroughSerialize()
    {
        var yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              annotations:
                enabled: "true"
                count: "3"
            data:
              script: |
                #!/bin/sh
                echo "hi: there"
              mode: "0755"
            spec:
              replicas: 3
              ratio: 0.75
              paused: false
              empty: null
              big: 9007199254740993
              negative: -4
              nested: [[1, 2], {a: b}, []]
              nothing: {}
            """;
        var original = YamlJson.ParseSingle(yaml);

        var read = YamlJson.ParseSingle(YamlJson.Serialize(original));

        Assert.True(JsonNode.DeepEquals(original, read), YamlJson.Serialize(original));
        Assert.Equal(9007199254740993, read!["spec"]!["big"]!.GetValue<long>());
    }

    [Fact]
    public void SerializeWritesNumbersBooleansAndNullsPlain()
    {
        var node = JsonNode.Parse("{\"replicas\":3,\"ratio\":0.5,\"paused\":true,\"none\":null,\"name\":\"web\"}");

        var yaml = YamlJson.Serialize(node);

        Assert.Equal("replicas: 3\nratio: 0.5\npaused: true\nnone: null\nname: web\n", yaml.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void SerializeWritesValuesCreatedInCode()
    {
        var node = new JsonObject
        {
            ["replicas"] = 3L,
            ["port"] = 8080,
            ["ratio"] = 0.5,
            ["paused"] = false,
            ["name"] = "true",
        };

        var read = YamlJson.ParseSingle(YamlJson.Serialize(node));

        Assert.Equal("{\"replicas\":3,\"port\":8080,\"ratio\":0.5,\"paused\":false,\"name\":\"true\"}", YamlJson.ToCompactJson(read));
    }

    [Fact]
    public void KeysThatLookLikeOtherThingsRoundTrip()
    {
        var original = new JsonObject { ["true"] = 1, ["123"] = 2, ["null"] = 3, [""] = 4, ["a: b"] = 5 };

        var read = YamlJson.ParseSingle(YamlJson.Serialize(original));

        Assert.True(JsonNode.DeepEquals(original, read), YamlJson.Serialize(original));
    }

    [Fact]
    public void MultiLineStringsAreWrittenAsBlockLiterals()
    {
        var yaml = YamlJson.Serialize(new JsonObject { ["script"] = "echo one\necho two\n" });

        Assert.Equal("script: |\n  echo one\n  echo two\n", yaml.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ANullDocumentSerializesToNull()
    {
        Assert.Null(YamlJson.ParseSingle(YamlJson.Serialize(null)));
    }

    private static JsonValue Value(string yaml) => YamlJson.ParseSingle(yaml)!["v"]!.AsValue();
}
