namespace Vigil.Detect.Rules;

/// <summary>
/// Recognizes a gzip-compressed rule file by its magic bytes, so the error tells the user to decompress it
/// instead of naming its first compressed byte as text that is not UTF-8.
/// </summary>
internal static class CompressedRuleFile
{
    /// <summary>Returns the error for a gzip file (bytes 0x1F 0x8B, RFC 1952), or null for any other content.</summary>
    public static RuleLoadError? Error(string file, byte[] bytes)
    {
        if (bytes is not [0x1F, 0x8B, ..])
        {
            return null;
        }

        return new RuleLoadError(file, null, null,
            $"the rule file is gzip-compressed, not text; decompress it first, such as with 'gunzip -k {file}', and give the decompressed file");
    }
}
