using Vigil.Output;

namespace Vigil.Cli;

/// <summary>
/// Makes multi-line rule text safe for a terminal: rule files come from anywhere, and an ESC, BEL
/// or C1 control in a name or query could rewrite the screen.
/// </summary>
internal static class RulesTerminalText
{
    /// <summary>Escapes every control character except the newlines and tabs that lay the text out.</summary>
    public static string SanitizeBlock(string text) =>
        string.Join('\n', text.Split('\n').Select(line => string.Join('\t', line.Split('\t').Select(TerminalText.Sanitize))));
}
