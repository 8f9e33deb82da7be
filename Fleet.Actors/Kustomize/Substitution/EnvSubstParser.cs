using static Fleet.Actors.Kustomize.Substitution.EnvSubstScanner;

namespace Fleet.Actors.Kustomize.Substitution;

/// <summary>
/// Parses text with bash-style `${…}` expressions the way Flux's envsubst does, operator by operator:
/// `${v}`, `${#v}`, `${v:=d}` `${v:-d}` `${v=d}` (and `:?`, `:+`), `${v:pos}` `${v:pos:len}`,
/// `${v/a/b}` `${v//a/b}` `${v/#a/b}` `${v/%a/b}`, `${v#p}` `${v##p}` `${v%p}` `${v%%p}`, `${v,}` `${v,,}` `${v^}` `${v^^}`.
/// </summary>
internal sealed class EnvSubstParser
{
    private readonly EnvSubstScanner _scanner;

    private EnvSubstParser(string text) => _scanner = new EnvSubstScanner(text);

    public static EnvSubstNode Parse(string text) => new EnvSubstParser(text).ParseAny();

    private EnvSubstNode ParseAny()
    {
        var nodes = new List<EnvSubstNode>();
        while (true)
        {
            _scanner.Accept = static (_, _) => true;
            _scanner.Mode = Modes.Ident | Modes.OpenBrace | Modes.Escape;
            _scanner.EscapeChars = Escapes.Dollar;
            switch (_scanner.Scan())
            {
                case Token.Ident:
                    nodes.Add(new EnvSubstNode.Text(_scanner.Current));
                    break;
                case Token.OpenBrace:
                    nodes.Add(ParseFunction());
                    break;
                case Token.Eof:
                    return nodes.Count == 1 ? nodes[0] : new EnvSubstNode.Sequence(nodes);
                default:
                    throw BadSubstitution();
            }
        }
    }

    private EnvSubstNode ParseFunction()
    {
        _scanner.EscapeChars = Escapes.All;
        if (_scanner.Peek() == '#')
        {
            return ParseLength();
        }
        _scanner.Accept = IsIdentChar;
        _scanner.Mode = Modes.Ident;
        if (_scanner.Scan() != Token.Ident)
        {
            throw new EnvSubstException("unable to parse variable name");
        }
        var name = _scanner.Current;
        switch (_scanner.Peek())
        {
            case ':':
                return _scanner.PeekSecond() is '=' or '-' or '?' or '+' ? ParseDefault(name) : ParseSubstring(name);
            case '=':
                return ParseDefault(name);
            case ',' or '^':
                return ParseCasing(name);
            case '/':
                return ParseReplace(name);
            case '#':
                return ParseRemove(name, static (c, i) => c == '#' && i < 3);
            case '%':
                return ParseRemove(name, static (c, i) => c == '%' && i < 3);
        }
        _scanner.Accept = IsIdentChar;
        _scanner.Mode = Modes.CloseBrace;
        if (_scanner.Scan() != Token.CloseBrace)
        {
            throw new EnvSubstException("missing closing brace");
        }
        return new EnvSubstNode.Function(name, "", []);
    }

    private EnvSubstNode ParseParameter(Func<char, int, bool> accept, Modes mode)
    {
        _scanner.Accept = accept;
        _scanner.Mode = mode | Modes.OpenBrace;
        return _scanner.Scan() switch
        {
            Token.OpenBrace => ParseFunction(),
            Token.Ident or Token.CloseBrace => new EnvSubstNode.Text(_scanner.Current),
            _ => throw new EnvSubstException("unable to parse substitution within function"),
        };
    }

    private EnvSubstNode ParseSubstring(string name)
    {
        var operation = ScanOperator(static (c, i) => i == 1 && c == ':');
        var args = new List<EnvSubstNode> { ParseParameter(static (c, _) => c is not ':' and not '}', Modes.Ident) };
        _scanner.Accept = static (c, _) => c == ':';
        _scanner.Mode = Modes.Ident | Modes.CloseBrace;
        switch (_scanner.Scan())
        {
            case Token.CloseBrace:
                return new EnvSubstNode.Function(name, operation, args);
            case Token.Ident:
                break;
            default:
                throw BadSubstitution();
        }
        args.Add(ParseParameter(NotClosing, Modes.Ident));
        ConsumeCloseBrace();
        return new EnvSubstNode.Function(name, operation, args);
    }

    private EnvSubstNode ParseRemove(string name, Func<char, int, bool> accept)
    {
        var operation = ScanOperator(accept);
        var pattern = ParseParameter(NotClosing, Modes.Ident);
        ConsumeCloseBrace();
        return new EnvSubstNode.Function(name, operation, [pattern]);
    }

    private EnvSubstNode ParseReplace(string name)
    {
        var operation = ScanOperator(static (c, i) => (i == 1 && c == '/') || (i == 2 && c is '/' or '#' or '%'));
        var args = new List<EnvSubstNode> { ParseParameter(static (c, _) => c != '/', Modes.Ident | Modes.Escape) };
        _scanner.Accept = static (c, _) => c == '/';
        _scanner.Mode = Modes.Ident;
        if (_scanner.Scan() != Token.Ident)
        {
            throw BadSubstitution();
        }
        if (_scanner.Peek() != '}')
        {
            args.Add(ParseParameter(NotClosing, Modes.Ident | Modes.Escape));
        }
        ConsumeCloseBrace();
        return new EnvSubstNode.Function(name, operation, args);
    }

    private EnvSubstNode ParseDefault(string name)
    {
        _scanner.Accept = _scanner.Peek() == '='
            ? static (c, i) => i == 1 && c == '='
            : static (c, i) => (i == 1 && c == ':') || (i == 2 && c is '=' or '-' or '?' or '+');
        _scanner.Mode = Modes.Ident;
        if (_scanner.Scan() != Token.Ident)
        {
            throw new EnvSubstException("unable to parse default function");
        }
        var operation = _scanner.Current;
        var args = new List<EnvSubstNode>();
        while (_scanner.Peek() != '}')
        {
            args.Add(ParseParameter(NotClosing, Modes.Ident));
        }
        ConsumeCloseBrace();
        return new EnvSubstNode.Function(name, operation, args);
    }

    private EnvSubstNode ParseCasing(string name)
    {
        var operation = ScanOperator(static (c, i) => c is ',' or '^' && i < 3);
        ConsumeCloseBrace();
        return new EnvSubstNode.Function(name, operation, []);
    }

    private EnvSubstNode ParseLength()
    {
        var operation = ScanOperator(static (c, i) => c == '#' && i == 1);
        _scanner.Accept = IsIdentChar;
        _scanner.Mode = Modes.Ident;
        if (_scanner.Scan() != Token.Ident)
        {
            throw BadSubstitution();
        }
        var name = _scanner.Current;
        ConsumeCloseBrace();
        return new EnvSubstNode.Function(name, operation, []);
    }

    private string ScanOperator(Func<char, int, bool> accept)
    {
        _scanner.Accept = accept;
        _scanner.Mode = Modes.Ident;
        return _scanner.Scan() == Token.Ident ? _scanner.Current : throw BadSubstitution();
    }

    private void ConsumeCloseBrace()
    {
        _scanner.Mode = Modes.CloseBrace;
        if (_scanner.Scan() != Token.CloseBrace)
        {
            throw BadSubstitution();
        }
    }

    private static bool IsIdentChar(char c, int index) => char.IsLetterOrDigit(c) || c == '_';

    private static bool NotClosing(char c, int index) => c != '}';

    private static EnvSubstException BadSubstitution() => new("bad substitution");
}
