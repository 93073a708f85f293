using Spectre.Console;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>
/// The query line shown under an error, with a caret under the error's position: at most
/// <see cref="Window"/> characters of the line around the position, with control characters escaped.
/// </summary>
internal static class KqlErrorEcho
{
    public const int Window = 80;

    private const string Ellipsis = "...";

    /// <summary>Returns the echoed line and the caret line, both indented by two spaces.</summary>
    public static (string Line, string Caret) Build(string query, int position)
    {
        position = Math.Clamp(position, 0, query.Length);
        var lineStart = position == 0 ? 0 : query.LastIndexOf('\n', position - 1) + 1;
        var lineEnd = query.IndexOf('\n', position) is var newline and >= 0 ? newline : query.Length;

        var start = Math.Max(lineStart, position - (Window / 2));
        var end = Math.Min(lineEnd, start + Window);
        var before = (start > lineStart ? Ellipsis : "") + TerminalText.Sanitize(query[start..position]);
        var after = TerminalText.Sanitize(query[position..end]) + (end < lineEnd ? Ellipsis : "");

        // The caret goes under the terminal column, where a wide character (CJK) takes two columns
        // and a combining mark none, so the padding counts cells, not UTF-16 characters.
        return ($"  {before}{after}", $"  {new string(' ', before.GetCellWidth())}^");
    }
}
