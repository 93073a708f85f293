using System.Collections.Frozen;

namespace Vigil.Detect.Rules.Lint.Catalog;

/// <summary>
/// The CloudTrail event names each event source logs, generated from the operation names of the
/// AWS SDK service models (botocore), with the facts where CloudTrail's names differ from the API
/// and the names seen in CloudTrail records that no operation has.
/// </summary>
/// <remarks>
/// A catalogued source logs one event per API operation, named like the operation, with these
/// exceptions. Lambda appends the API version date of the operation's request URI to the names of
/// its management events (<c>CreateFunction20150331</c>, <c>UpdateFunctionCode20150331v2</c>),
/// while its data events keep the plain name (<c>Invoke</c>). <c>signin.amazonaws.com</c> logs
/// console sign-in events (<c>ConsoleLogin</c>, <c>GetSigninToken</c>, ...) that are not API
/// operations, so its names are not checked. IAM permission names that are not API operations,
/// such as <c>iam:PassRole</c>, never appear as events.
/// </remarks>
internal static partial class CloudTrailEventNames
{
    /// <summary>
    /// Sources whose event names are not SDK operations, so a name cannot be checked: console
    /// sign-in events, and CloudShell, whose events (<c>CreateEnvironment</c>, <c>CreateSession</c>,
    /// ...) the CloudShell user guide lists but no SDK model has.
    /// </summary>
    private static readonly FrozenSet<string> OpenSources =
        FrozenSet.Create(StringComparer.Ordinal, "signin.amazonaws.com", "cloudshell.amazonaws.com");

    /// <summary>Lambda data events, logged without an API version suffix.</summary>
    private static readonly FrozenSet<string> LambdaDataEvents =
        FrozenSet.Create(StringComparer.Ordinal, "Invoke", "InvokeAsync", "InvokeWithResponseStream");

    /// <summary>IAM permissions that no API operation implements, so CloudTrail never logs them as events.</summary>
    public static readonly FrozenSet<string> PermissionOnlyActions = FrozenSet.Create(StringComparer.Ordinal, "PassRole");

    private const string LambdaSource = "lambda.amazonaws.com";

    private static readonly Lazy<Catalogue> Data = new(Catalogue.Parse);

    /// <summary>The botocore version the names were generated from.</summary>
    public static string SourceVersion => BotocoreVersion;

    /// <summary>True when <paramref name="source"/> is an event source of some AWS service.</summary>
    public static bool IsKnownSource(string source) => Data.Value.Operations.ContainsKey(source) || OpenSources.Contains(source);

    /// <summary>True when the names of <paramref name="source"/> are catalogued, so unknown names can be reported.</summary>
    public static bool IsCatalogued(string source) =>
        Data.Value.Operations.TryGetValue(source, out var names) && names.Count > 0;

    /// <summary>Returns the source CloudTrail logs for a service id written as a source, such as <c>eventbridge.amazonaws.com</c>.</summary>
    public static string? SourceForAlias(string source) => Data.Value.Aliases.GetValueOrDefault(source);

    /// <summary>Returns every event source name, for suggestions.</summary>
    public static IEnumerable<string> Sources => Data.Value.Operations.Keys.Concat(OpenSources);

    /// <summary>Returns the event names of a catalogued source as CloudTrail writes them.</summary>
    public static IReadOnlyList<string> EventNames(string source) =>
        Data.Value.EventNames.GetValueOrDefault(source) ?? [];

    /// <summary>True when <paramref name="source"/> logs an event named <paramref name="name"/>.</summary>
    /// <remarks>A Lambda name may carry a revision after its version date (<c>GetFunction20150331v2</c>).</remarks>
    public static bool Logs(string source, string name) =>
        Data.Value.EventNameSets.TryGetValue(source, out var names)
        && (names.Contains(name) || (source == LambdaSource && names.Contains(WithoutLambdaRevision(name))));

    private static string WithoutLambdaRevision(string name)
    {
        var v = name.LastIndexOf('v');
        return v > 8 && char.IsAsciiDigit(name[v - 1]) && name.AsSpan(v + 1).Length > 0 && int.TryParse(name.AsSpan(v + 1), out _)
            ? name[..v]
            : name;
    }

    /// <summary>Returns the catalogued sources that log <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> SourcesLogging(string name) =>
        Data.Value.EventNameSets.Keys.Where(source => Logs(source, name)).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Returns the Lambda event name for a Lambda API operation written without its version, such as
    /// <c>CreateFunction20150331</c> for <c>CreateFunction</c>; null when it is not such an operation.
    /// </summary>
    public static string? LambdaVersionedName(string operation) =>
        Data.Value.LambdaDates.TryGetValue(operation, out var date) && !LambdaDataEvents.Contains(operation)
            ? operation + date
            : null;

    private sealed record Catalogue(
        FrozenDictionary<string, IReadOnlyList<string>> Operations,
        FrozenDictionary<string, IReadOnlyList<string>> EventNames,
        FrozenDictionary<string, FrozenSet<string>> EventNameSets,
        FrozenDictionary<string, string> LambdaDates,
        FrozenDictionary<string, string> Aliases)
    {
        public static Catalogue Parse()
        {
            var operations = Lines(OperationsData);
            var lambdaDates = Pairs(LambdaDatesData);
            var logged = Lines(LoggedData);
            var eventNames = operations.ToFrozenDictionary(
                pair => pair.Key,
                pair => (IReadOnlyList<string>)[.. (pair.Key == LambdaSource ? LambdaNames(pair.Value, lambdaDates) : pair.Value)
                    .Concat(logged.GetValueOrDefault(pair.Key) ?? [])
                    .Distinct(StringComparer.Ordinal)],
                StringComparer.Ordinal);
            var sets = eventNames.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

            return new Catalogue(operations, eventNames, sets, lambdaDates, Pairs(AliasData));
        }

        /// <summary>
        /// Returns Lambda's event names: each operation with its URI's API version date. Some are
        /// logged with a further revision suffix (<c>GetFunction20150331v2</c>), which the catalogue
        /// does not list, so a name is accepted when it starts with the versioned operation name.
        /// </summary>
        private static List<string> LambdaNames(IReadOnlyList<string> operations, FrozenDictionary<string, string> dates) =>
            operations.Select(operation => LambdaDataEvents.Contains(operation) || !dates.TryGetValue(operation, out var date)
                ? operation
                : operation + date).ToList();

        /// <summary>Parses lines of a source, a colon and its space-separated names.</summary>
        private static FrozenDictionary<string, IReadOnlyList<string>> Lines(string data) =>
            data.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(':', 2))
                .ToFrozenDictionary(
                    parts => parts[0],
                    parts => (IReadOnlyList<string>)parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    StringComparer.Ordinal);

        private static FrozenDictionary<string, string> Pairs(string data) =>
            data.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .ToFrozenDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }
}
