namespace Vigil.Cli;

/// <summary>Wording shared by the <c>vigil rules</c> summaries.</summary>
internal static class RulesText
{
    /// <summary>Returns <c>1 rule</c> or <c>3 rules</c>: the count with the noun in the matching number.</summary>
    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
