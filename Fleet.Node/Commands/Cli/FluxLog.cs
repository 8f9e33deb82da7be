using Spectre.Console;

namespace Fleet.Node.Commands.Cli;

/// <summary>
/// Flux's CLI logger: progress lines on stderr, each led by flux's symbol (► action, ✚ generate, ◎ waiting, ✔ success,
/// ⚠️ warning, ✗ failure). On a terminal the symbols are coloured and a wait shows a spinner; in a pipe the text is
/// exactly flux's.
/// </summary>
public sealed class FluxLog(TextWriter error, bool terminal)
{
    public TextWriter Writer => error;

    public void Action(string message) => Write("►", "blue", message);

    public void Generate(string message) => Write("✚", "blue", message);

    public void Waiting(string message) => Write("◎", "yellow", message);

    public void Success(string message) => Write("✔", "green", message);

    public void Warning(string message) => Write("⚠️", "yellow", message);

    public void Failure(string message) => Write("✗", "red", message);

    /// <summary>Prints flux's waiting line, then runs <paramref name="wait"/> under a spinner when on a terminal.</summary>
    public async Task<T> WaitAsync<T>(string message, Func<Task<T>> wait)
    {
        Waiting(message);
        if (!terminal)
        {
            return await wait();
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(message), _ => wait());
    }

    private void Write(string symbol, string colour, string message)
    {
        if (terminal)
        {
            error.WriteLine($"\u001b[{Ansi(colour)}m{symbol}\u001b[0m {message}");
        }
        else
        {
            error.WriteLine($"{symbol} {message}");
        }
    }

    private static int Ansi(string colour) => colour switch
    {
        "red" => 31,
        "green" => 32,
        "yellow" => 33,
        _ => 34,
    };
}
