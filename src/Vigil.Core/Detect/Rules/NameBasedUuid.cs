using System.Security.Cryptography;
using System.Text;

namespace Vigil.Detect.Rules;

/// <summary>Name-based (version 5, SHA-1) UUIDs as RFC 9562 section 5.5 defines them.</summary>
internal static class NameBasedUuid
{
    /// <summary>Vigil's namespace for rule saved-object ids derived from <c>rule_id</c>.</summary>
    public static readonly Guid RuleNamespace = new("7c9b50e8-4b91-4e66-af06-5a36c43fb774");

    /// <summary>Vigil's namespace for rule execution ids.</summary>
    public static readonly Guid ExecutionNamespace = new("8f82b47e-7f58-4943-a7ef-d566cc1e6b21");

    /// <summary>Returns the version 5 UUID of <paramref name="name"/> (UTF-8) in <paramref name="namespaceId"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Security",
        "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 9562 fixes SHA-1 for version 5 UUIDs; the hash only derives an id.")]
    public static Guid Create(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        var hash = SHA1.HashData(input).AsSpan(0, 16).ToArray();
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);

        return new Guid(hash, bigEndian: true);
    }

    /// <summary>Returns the saved-object id Vigil gives a rule loaded from a file.</summary>
    public static string ForRuleId(string ruleId) => Create(RuleNamespace, ruleId).ToString();
}
