using System.Buffers;

namespace Vigil.Cli;

/// <summary>Checks an index or data stream name against Elasticsearch's naming rules before any document is written.</summary>
internal static class ConvertIndexName
{
    // Elasticsearch rejects longer names ("index name is too long") when the request arrives.
    private const int MaxUtf8Bytes = 255;

    private static readonly SearchValues<char> ForbiddenCharacters = SearchValues.Create("\\/*?\"<>| ,#:");

    public static bool TryValidate(string name, out string error)
    {
        error = name switch
        {
            "" => "the index name is empty",
            "." or ".." => $"'{name}' is not a valid index name",
            _ when name.Any(char.IsUpper) => $"index name '{name}' contains upper-case letters; Elasticsearch requires lower case",
            _ when name[0] is '-' or '_' or '+' => $"index name '{name}' starts with '{name[0]}', which Elasticsearch rejects",
            _ when name.AsSpan().IndexOfAny(ForbiddenCharacters) is var at and >= 0 => $"index name '{name}' contains '{name[at]}', which Elasticsearch rejects",
            _ when System.Text.Encoding.UTF8.GetByteCount(name) > MaxUtf8Bytes => $"index name '{name[..20]}…' is longer than {MaxUtf8Bytes} bytes",
            _ => "",
        };
        return error.Length == 0;
    }
}
