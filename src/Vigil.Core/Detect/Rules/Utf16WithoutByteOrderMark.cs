namespace Vigil.Detect.Rules;

/// <summary>
/// Recognizes a rule file saved as UTF-16 without a byte order mark, which would otherwise fail as
/// TOML or JSON with an unexpected NUL character. A rule file starts with an ASCII character (a
/// bracket, a brace, a key, a comment or a blank), which UTF-16 stores as that byte and a NUL byte.
/// </summary>
internal static class Utf16WithoutByteOrderMark
{
    /// <summary>Returns the error for <paramref name="bytes"/> whose first two bytes are one NUL and one other byte, or null.</summary>
    public static RuleLoadError? Error(string file, byte[] bytes)
    {
        if (bytes.Length < 2 || (bytes[0] == 0) == (bytes[1] == 0))
        {
            return null;
        }

        var (offset, encoding) = bytes[0] == 0 ? (0, "UTF-16BE") : (1, "UTF-16LE");
        return new RuleLoadError(
            file,
            1,
            1,
            $"the rule file looks like UTF-16 without a byte order mark: byte 0x00 at byte offset {offset} is a NUL, which no rule file contains; save the file as UTF-8, such as with 'iconv -f {encoding} -t UTF-8'");
    }
}
