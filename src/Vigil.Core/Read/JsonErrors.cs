using System.Text.Json;

namespace Vigil.Read;

internal static class JsonErrors
{
    /// <summary>
    /// Returns the message of <paramref name="exception"/> without the reader's own position suffix,
    /// because positions are reported relative to the whole file instead.
    /// </summary>
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return suffix >= 0 ? message[..suffix] : message;
    }
}
