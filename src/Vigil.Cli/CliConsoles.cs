using Spectre.Console;

namespace Vigil.Cli;

/// <summary>Spectre.Console consoles over stdout and stderr.</summary>
internal static class CliConsoles
{
    // Redirected output has no terminal width. Lines are then as long as their content, up to this
    // many columns, so that a piped rule_id or message stays on one line for grep; $COLUMNS, when
    // set, wins.
    private const int RedirectedWidth = 4096;

    public static IAnsiConsole StandardOutput() => Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole StandardError() => Create(Console.Error, Console.IsErrorRedirected);

    /// <summary>Returns a console over <paramref name="writer"/>, laid out as for standard output redirected to a pipe or a file.</summary>
    public static IAnsiConsole Redirected(TextWriter writer) => Create(writer, redirected: true);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0
                ? columns
                : RedirectedWidth;
        }

        return console;
    }
}
