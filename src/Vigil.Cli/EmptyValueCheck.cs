using System.CommandLine;
using System.CommandLine.Parsing;

namespace Vigil.Cli;

/// <summary>
/// Rejects an empty or white-space value of an option or argument that names a file, a folder, a
/// rule or an alert. The parser runs the check, so the command line is a usage error before the
/// command reads or changes anything.
/// </summary>
/// <remarks>
/// .NET throws on an empty path, and a name of only spaces is almost always a script's mistake,
/// as the <c>--data</c> check already treats it.
/// </remarks>
internal static class EmptyValueCheck
{
    /// <summary>Adds the check to <paramref name="option"/>. <paramref name="expected"/> completes "Give …" in the error.</summary>
    public static Option<T> RejectEmpty<T>(this Option<T> option, string expected)
    {
        option.Validators.Add(result => Check(result, option.Name, expected));
        return option;
    }

    /// <summary>Adds the check to <paramref name="argument"/>, named as the help names it (<c>&lt;path&gt;</c>).</summary>
    public static Argument<T> RejectEmpty<T>(this Argument<T> argument, string expected)
    {
        argument.Validators.Add(result => Check(result, $"<{argument.Name}>", expected));
        return argument;
    }

    private static void Check(SymbolResult result, string name, string expected)
    {
        var tokens = result.Tokens;
        for (var index = 0; index < tokens.Count; index++)
        {
            if (!string.IsNullOrWhiteSpace(tokens[index].Value))
            {
                continue;
            }

            var subject = tokens.Count > 1 ? $"{name} (value {index + 1} of {tokens.Count})" : name;
            result.AddError(Message(subject, tokens[index].Value, expected));
            return;
        }
    }

    private static string Message(string subject, string value, string expected) =>
        value.Length == 0
            ? $"{subject} is empty (a shell variable that is unset gives an empty value). Give {expected}."
            : $"{subject} contains only white space. Give {expected}.";
}
