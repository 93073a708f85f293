using CsCheck;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Tests.Detect;

/// <summary>Properties of the KQL parser, printer and compiler over generated queries and documents.</summary>
public class KqlPropertyTests
{
    [Fact]
    public void PrintedAstParsesBackEqual()
    {
        KqlGenerators.Node.Sample(
            node =>
            {
                var text = node.ToQueryText();

                var parsed = Kql.Parse(text);

                Assert.True(parsed.Success, $"{text}: {parsed.Error}");
                Assert.Equal(node.ToCanonicalString(), parsed.Query!.ToCanonicalString());
            },
            iter: 3000,
            print: node => node.ToCanonicalString());
    }

    [Fact]
    public void CompiledAgreesWithInterpreter()
    {
        Gen.Select(KqlGenerators.TypedQuery, KqlGenerators.TypedDocument).Sample(
            (query, document) =>
            {
                var compiled = KqlCompiler.Compile(query, KqlGenerators.TypedMapping);

                Assert.True(compiled.Success, compiled.Error?.ToString());
                Assert.Equal(TreeWalkingInterpreter.Matches(query, document), compiled.Predicate!(new EcsDocument(document)));
            },
            iter: 5000,
            print: pair => $"{pair.Item1.ToQueryText()} on {pair.Item2.ToJsonString()}");
    }

    /// <summary>Queries share a document's field cache, so one query's cached values must not change another's result.</summary>
    [Fact]
    public void CachedFieldsAgreeWithInterpreter()
    {
        Gen.Select(KqlGenerators.TypedQuery.Array[2, 4], KqlGenerators.TypedDocument).Sample(
            (queries, json) =>
            {
                var document = new EcsDocument(json);

                foreach (var query in queries.Concat(queries))
                {
                    var compiled = KqlCompiler.Compile(query, KqlGenerators.TypedMapping);
                    Assert.Equal(TreeWalkingInterpreter.Matches(query, json), compiled.Predicate!(document));
                }
            },
            iter: 2000,
            print: pair => $"{string.Join(" | ", pair.Item1.Select(q => q.ToQueryText()))} on {pair.Item2.ToJsonString()}");
    }

    [Fact]
    public void ParserReturnsErrorNeverThrows()
    {
        KqlGenerators.QueryLikeText.Sample(
            text =>
            {
                var parsed = Kql.Parse(text);

                Assert.True(parsed.Success ^ parsed.Error is not null);
                Assert.InRange(parsed.Error?.Position ?? 0, 0, text.Length);
            },
            iter: 20000);
    }
}
