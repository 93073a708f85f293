using System.Globalization;

namespace Vigil.Generator;

/// <summary>What a generator run wrote.</summary>
/// <param name="Records">Records written.</param>
/// <param name="RoleChains">Role-chaining AssumeRole records among them: the alert count of the built-in rule.</param>
/// <param name="Bytes">Bytes of uncompressed JSON written.</param>
/// <param name="Files">Files written.</param>
/// <param name="Profile">Where the distributions came from.</param>
internal sealed record GenerationSummary(long Records, long RoleChains, long Bytes, int Files, string Profile)
{
    /// <summary>One line of <c>key=value</c> pairs that scripts read with awk.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"records={Records} role_chains={RoleChains} bytes={Bytes} files={Files} profile=\"{Profile}\"");
}
