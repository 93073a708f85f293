using System.CommandLine;

namespace Vigil.Cli;

/// <summary>Defines <c>vigil kql</c> and its sub-commands <c>parse</c>, <c>eval</c> and <c>dsl</c>.</summary>
internal static class KqlCommand
{
    public static Command Create() => new("kql", "Parse, evaluate or translate a KQL query as Kibana and Elasticsearch would.")
    {
        CreateParse(), CreateEval(), CreateDsl(),
    };

    private static Command CreateParse()
    {
        var query = QueryArgument();
        var queryFile = QueryFileOption();
        var command = new Command("parse", "Print the query's syntax tree as an s-expression; exit 1 with the positioned error on a syntax error.")
        {
            query, queryFile,
        };
        command.SetAction(parsed => KqlRunner.Parse(new KqlQuerySource(parsed.GetValue(query), parsed.GetValue(queryFile))));
        return command;
    }

    private static Command CreateEval()
    {
        var query = QueryArgument();
        var document = new Option<string>("--doc", "-d")
        {
            Description = "JSON file holding one ECS document, or '-' to read it from stdin.",
            Required = true,
        }.RejectEmpty("a JSON file holding one ECS document, or - for standard input");
        var mapping = MappingOption();
        var queryFile = QueryFileOption();
        var command = new Command("eval", "Print true or false: whether the document matches the query. Exit 1 when the query is invalid or Elasticsearch would reject it.")
        {
            query, queryFile, document, mapping,
        };
        command.SetAction(parsed => KqlRunner.Eval(
            new KqlQuerySource(parsed.GetValue(query), parsed.GetValue(queryFile)), parsed.GetValue(document)!, parsed.GetValue(mapping)));
        return command;
    }

    private static Command CreateDsl()
    {
        var query = QueryArgument();
        var mapping = MappingOption();
        var timeZone = new Option<string?>("--time-zone")
        {
            Description = "Time zone added as time_zone to clauses on date fields (Kibana's dateFormatTZ), e.g. Zulu or Europe/Paris.",
        };
        var queryFile = QueryFileOption();
        var command = new Command("dsl", "Print the Elasticsearch query DSL Kibana sends for the query, as JSON.")
        {
            query, queryFile, mapping, timeZone,
        };
        command.SetAction(parsed => KqlRunner.Dsl(
            new KqlQuerySource(parsed.GetValue(query), parsed.GetValue(queryFile)), parsed.GetValue(mapping), parsed.GetValue(timeZone)));
        return command;
    }

    private static Argument<string?> QueryArgument() => new("query")
    {
        Description = "The KQL query; quote it for the shell. Omit it when --query-file is given.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Option<string?> QueryFileOption() => new Option<string?>("--query-file", "-q")
    {
        Description = "File containing the KQL query (UTF-8), or '-' to read it from stdin; for queries too long for the command line.",
    }.RejectEmpty("a file holding the KQL query, or - for standard input");

    private static Option<string?> MappingOption() => new Option<string?>("--mapping", "-m")
    {
        Description = "JSON file mapping field names to Elasticsearch types ({\"f\": \"keyword\"}; 'nested' for nested paths, "
            + "'string' for a Kibana string of unknown type). Replaces the built-in CloudTrail field catalogue.",
    }.RejectEmpty("a JSON mapping file, or leave --mapping out to use the CloudTrail fields");
}
