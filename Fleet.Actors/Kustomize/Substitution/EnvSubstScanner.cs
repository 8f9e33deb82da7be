namespace Fleet.Actors.Kustomize.Substitution;

/// <summary>
/// The character scanner of Flux's envsubst: what counts as a token depends on the mode and acceptor the parser
/// sets before each scan. Escapes (`$$`, and `\/`, `\\` inside functions) are removed from the buffer as they are read.
/// </summary>
internal sealed class EnvSubstScanner(string text)
{
    public const int Eof = -1;

    [Flags]
    public enum Modes
    {
        None = 0,
        Ident = 1,
        OpenBrace = 2,
        CloseBrace = 4,
        Escape = 8,
    }

    [Flags]
    public enum Escapes
    {
        None = 0,
        Dollar = 1,
        Backslash = 2,
        All = Dollar | Backslash,
    }

    public enum Token
    {
        Illegal,
        Eof,
        Ident,
        OpenBrace,
        CloseBrace,
    }

    private string _buffer = text;
    private int _position;
    private int _start;
    private int _width;

    public Modes Mode { get; set; }

    public Escapes EscapeChars { get; set; }

    /// <summary>Whether a character is part of the current identifier, given its 1-based offset in it.</summary>
    public Func<char, int, bool> Accept { get; set; } = (_, _) => true;

    public string Current => _buffer[_start.._position];

    public int Read()
    {
        if (_position >= _buffer.Length)
        {
            _width = 0;
            return Eof;
        }
        _width = 1;
        return _buffer[_position++];
    }

    public void Unread() => _position -= _width;

    public int Peek()
    {
        var c = Read();
        Unread();
        return c;
    }

    /// <summary>The character after the next one, without moving.</summary>
    public int PeekSecond() => _position + 1 < _buffer.Length ? _buffer[_position + 1] : Eof;

    public Token Scan()
    {
        _start = _position;
        var c = Read();
        if (c == Eof)
        {
            return Token.Eof;
        }
        if (ScanOpenBrace(c))
        {
            return Token.OpenBrace;
        }
        if ((Mode & Modes.CloseBrace) != 0 && c == '}')
        {
            return Token.CloseBrace;
        }
        return ScanIdent(c) ? Token.Ident : Token.Illegal;
    }

    private bool ScanIdent(int first)
    {
        if ((Mode & Modes.Ident) == 0)
        {
            return false;
        }
        if (IsEscape(first))
        {
            DropPrevious();
        }
        else if (!Accept((char)first, _position - _start))
        {
            return false;
        }
        while (true)
        {
            var c = Read();
            if (c == Eof)
            {
                break;
            }
            if (ScanOpenBrace(c))
            {
                _position -= 2;
                break;
            }
            if (IsEscape(c))
            {
                DropPrevious();
                continue;
            }
            if (!Accept((char)c, _position - _start))
            {
                Unread();
                break;
            }
        }
        return true;
    }

    private bool ScanOpenBrace(int c)
    {
        if ((Mode & Modes.OpenBrace) == 0 || c != '$')
        {
            return false;
        }
        if (Read() == '{')
        {
            return true;
        }
        Unread();
        return false;
    }

    private bool IsEscape(int c)
    {
        if ((Mode & Modes.Escape) == 0)
        {
            return false;
        }
        if (c == '$' && (EscapeChars & Escapes.Dollar) != 0 && Peek() == '$')
        {
            return true;
        }
        return c == '\\' && (EscapeChars & Escapes.Backslash) != 0 && Peek() is '/' or '\\';
    }

    // The escape character just read is removed, so the escaped one becomes part of the identifier.
    private void DropPrevious() => _buffer = string.Concat(_buffer.AsSpan(0, _position - 1), _buffer.AsSpan(_position));
}
