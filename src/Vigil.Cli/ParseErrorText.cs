using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Vigil.Cli;

/// <summary>
/// Words System.CommandLine's parse errors in the CLI's form: what is wrong, the value, and the
/// fix. The library's text is kept, on one line, for an error this does not know.
/// </summary>
internal static partial class ParseErrorText
{
    /// <summary>
    /// Returns the errors of <paramref name="parsed"/> to print, one per line, with the tokens no
    /// option or argument took (see <see cref="UnmatchedTokens"/>).
    /// </summary>
    public static List<string> Errors(ParseResult parsed, IReadOnlyList<string> args)
    {
        var unmatched = UnmatchedTokens.Errors(parsed).ToList();
        var errors = new List<string>();
        foreach (var error in parsed.Errors)
        {
            // The error "unknown command 'x'" already names the missing command.
            if (unmatched.Count > 0 && MissingCommand().IsMatch(error.Message))
            {
                continue;
            }

            // Each unmatched token gets its own worded error instead.
            if (Unrecognized().IsMatch(error.Message))
            {
                continue;
            }

            var worded = Word(error, parsed.CommandResult);
            if (MissingArgument().Match(error.Message) is { Success: true } missing
                && TakenByOptionalValue(parsed, args, missing.Groups["argument"].Value) is { } taken)
            {
                worded = taken;
            }

            errors.Add(worded);
        }

        errors.AddRange(unmatched);
        errors.AddRange(EmptyAfterEquals(args).Where(option => !errors.Contains(MissingValue(option))).Select(EmptyAfterEqualsError));
        return errors;
    }

    /// <summary>
    /// Returns the options written with nothing after <c>=</c> (<c>--bulk=</c>). The parser drops the
    /// empty value, so an option whose value is optional would quietly take its default.
    /// </summary>
    private static IEnumerable<string> EmptyAfterEquals(IReadOnlyList<string> args)
    {
        foreach (var arg in args)
        {
            // Arguments after "--" are values, such as a query.
            if (arg == "--")
            {
                yield break;
            }

            if (arg.Length > 3 && arg.StartsWith("--", StringComparison.Ordinal) && arg.EndsWith('='))
            {
                yield return arg[..^1];
            }
        }
    }

    /// <summary>
    /// Returns the error for a missing argument that an option of optional value took as its value,
    /// such as the path of <c>convert --bulk ok.json</c>, or null when no such option took one.
    /// </summary>
    private static string? TakenByOptionalValue(ParseResult parsed, IReadOnlyList<string> args, string argument)
    {
        foreach (var option in parsed.CommandResult.Children.OfType<OptionResult>())
        {
            var name = option.Option.Name;
            if (option.Option.Arity.MinimumNumberOfValues != 0 || option.Tokens.Count == 0 || args.Contains($"{name}={option.Tokens[^1].Value}"))
            {
                continue;
            }

            var value = option.Tokens[^1].Value;
            var valueName = option.Option.HelpName ?? "value";
            return $"missing argument <{argument}>: {name} took {value} as its {valueName}. Put {name} after <{argument}>, or write {name}={valueName}.";
        }

        return null;
    }

    private static string EmptyAfterEqualsError(string option) =>
        $"{option} is empty after '=' (a shell variable that is unset gives an empty value). Give a value, or leave out the '='.";

    private static string MissingValue(string option) => $"missing value for {option}: give it after the option.";

    private static string Word(ParseError error, CommandResult command)
    {
        var message = error.Message;
        if (NotOneOf().Match(message) is { Success: true } notOneOf)
        {
            var allowed = Quoted().Matches(notOneOf.Groups["allowed"].Value).Select(match => match.Groups[1].Value);
            return $"invalid value '{notOneOf.Groups["value"].Value}'{ForOption(error)}: give one of {string.Join(", ", allowed)}.";
        }

        if (MissingOptionValue().Match(message) is { Success: true } missingValue)
        {
            return MissingValue(missingValue.Groups["option"].Value);
        }

        if (MissingOption().Match(message) is { Success: true } missingOption)
        {
            return $"missing option {missingOption.Groups["option"].Value}: give it with its value.";
        }

        if (MissingArgument().Match(message) is { Success: true } missingArgument)
        {
            return $"missing argument <{missingArgument.Groups["argument"].Value}>: give it after the command.";
        }

        if (TooManyValues().Match(message) is { Success: true } tooMany)
        {
            return $"{tooMany.Groups["option"].Value} takes one value, and {tooMany.Groups["count"].Value} were given: give it once.";
        }

        if (MissingCommand().IsMatch(message))
        {
            return $"missing command: give one of the commands that '{CommandPath(command)} --help' lists.";
        }

        // The library lists choices on indented lines, which the terminal-safe output would escape.
        return WhiteSpace().Replace(message, " ").Trim();
    }

    /// <summary>Returns " for --name" when the error belongs to an option's argument.</summary>
    private static string ForOption(ParseError error) => error.SymbolResult switch
    {
        OptionResult option => $" for {option.Option.Name}",
        ArgumentResult { Parent: OptionResult option } => $" for {option.Option.Name}",
        _ => "",
    };

    /// <summary>Returns the command as typed after <c>vigil</c>, such as <c>vigil rules show</c>.</summary>
    public static string CommandPath(CommandResult result) =>
        result.Parent is CommandResult parent ? $"{CommandPath(parent)} {result.Command.Name}" : "vigil";

    [GeneratedRegex(@"^Argument '(?<value>.*)' not recognized\. Must be one of:(?<allowed>.*)$", RegexOptions.Singleline)]
    private static partial Regex NotOneOf();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^Required argument missing for option: '(?<option>[^']+)'\.$")]
    private static partial Regex MissingOptionValue();

    [GeneratedRegex(@"^Option '(?<option>[^']+)' is required\.$")]
    private static partial Regex MissingOption();

    [GeneratedRegex(@"^Required argument '(?<argument>[^']+)' missing for command: '[^']+'\.$")]
    private static partial Regex MissingArgument();

    [GeneratedRegex(@"^Option '(?<option>[^']+)' expects a single argument but (?<count>\d+) were provided\.$")]
    private static partial Regex TooManyValues();

    [GeneratedRegex(@"^Unrecognized command or argument '.*'\.$", RegexOptions.Singleline)]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"^Required command was not provided\.$")]
    private static partial Regex MissingCommand();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
