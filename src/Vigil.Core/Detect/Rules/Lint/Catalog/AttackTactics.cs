using System.Collections.Frozen;

namespace Vigil.Detect.Rules.Lint.Catalog;

/// <summary>The tactics of the MITRE ATT&amp;CK Enterprise matrix, by id.</summary>
internal static class AttackTactics
{
    public static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["TA0043"] = "Reconnaissance",
        ["TA0042"] = "Resource Development",
        ["TA0001"] = "Initial Access",
        ["TA0002"] = "Execution",
        ["TA0003"] = "Persistence",
        ["TA0004"] = "Privilege Escalation",
        ["TA0005"] = "Defense Evasion",
        ["TA0006"] = "Credential Access",
        ["TA0007"] = "Discovery",
        ["TA0008"] = "Lateral Movement",
        ["TA0009"] = "Collection",
        ["TA0011"] = "Command and Control",
        ["TA0010"] = "Exfiltration",
        ["TA0040"] = "Impact",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
