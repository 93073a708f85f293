using Spectre.Console;

namespace Vigil.Cli;

/// <summary>Spectre.Console consoles over stdout and stderr.</summary>
internal static class CliConsoles
{
    // Redirected output has no terminal width; tables get this many columns instead of 80.
    private const int RedirectedWidth = 160;

    public static IAnsiConsole StandardOutput() => Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole StandardError() => Create(Console.Error, Console.IsErrorRedirected);

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
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
