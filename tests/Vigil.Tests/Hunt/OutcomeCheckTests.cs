using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Hunt;
using Vigil.Map;
using Vigil.Read;
using Vigil.Tests.Support;

namespace Vigil.Tests.Hunt;

/// <summary>
/// The raw outcome check must never rule out a record whose mapped <c>event.outcome</c> the query
/// allows: each case is checked against the mapper itself.
/// </summary>
public class OutcomeCheckTests
{
    private static readonly string[] MessageValues = ["absent", "\"\"", "\"denied\"", "{}"];

    private static readonly string[] OutcomeQueries = ["event.outcome:success", "event.outcome:failure"];

    private static readonly string[] ErrorValues = ["absent", "null", "\"\"", "\"-\"", "\"none\"", "\"None\"", "\"AccessDenied\"", "5", "true", "{}", "{\"a\":null}", "{\"a\":1}", "[]", "[\"x\"]"];

    public static TheoryData<string, string> ErrorFields() => new(
        from code in ErrorValues
        from message in MessageValues
        select (code, message));

    [Theory]
    [MemberData(nameof(ErrorFields))]
    public void SuccessQuery_NeverRulesOutASuccess(string errorCode, string errorMessage)
    {
        var json = Record("GetObject", errorCode, errorMessage);

        AssertSound("event.outcome:success", json);
        AssertSound("event.outcome:failure", json);
        AssertSound("event.outcome:(success or unknown)", json);
    }

    [Theory]
    [InlineData("\"Success\"")]
    [InlineData("\"Failure\"")]
    [InlineData("7")]
    public void ConsoleLogin_LeftToTheMapper(string result)
    {
        var json = Record("ConsoleLogin", "\"x\"", "absent").Replace("\"eventVersion\"", $"\"responseElements\":{{\"ConsoleLogin\":{result}}},\"eventVersion\"", StringComparison.Ordinal);

        Assert.True(Check("event.outcome:success").MayMatch(Parse(json)));
        AssertSound("event.outcome:failure", json);
    }

    [Fact]
    public void ErrorCode_RulesOutSuccess()
    {
        Assert.False(Check("event.outcome:success").MayMatch(Parse(Record("DeleteTrail", "\"AccessDenied\"", "absent"))));
        Assert.True(Check("event.outcome:success").MayMatch(Parse(Record("DeleteTrail", "\"-\"", "absent"))));
        Assert.False(Check("event.outcome:failure").MayMatch(Parse(Record("DeleteTrail", "absent", "absent"))));
    }

    [Theory]
    [InlineData("event.action:DeleteTrail")]
    [InlineData("event.outcome:*")]
    [InlineData("event.outcome:(success or failure)")]
    [InlineData("event.outcome:success or event.action:DeleteTrail")]
    [InlineData("not event.outcome:success")]
    public void QueryAllowingBoth_HasNoCheck(string query)
    {
        Assert.Null(OutcomeCheck.For(Kql.Parse(query).Query!, FieldMapping.CloudTrail));
    }

    [Fact]
    public void RealRecords_NoMatchRuledOut()
    {
        var checks = OutcomeQueries.Select(query => (Query: Kql.Compile(query, FieldMapping.CloudTrail).Query!, Check: Check(query))).ToList();
        var reader = new CloudTrailReader();
        var cursor = new RawRecordCursor();
        var records = 0;
        var ruledOut = 0;
        foreach (var path in CloudTrailReader.ExpandPaths([RepoPaths.SharedOrSkip("data", "cloudtrail"), RepoPaths.Samples]))
        {
            using var stream = File.OpenRead(path);
            foreach (var item in reader.ReadFileRaw(stream, path, cursor))
            {
                if (item.Outcome != ReadOutcome.Record || !RecordParser.TryParse(cursor.Bytes, out var record, out _))
                {
                    continue;
                }

                var document = CloudTrailMapper.Map(CopyOf(cursor.Bytes)).Document;
                records++;
                foreach (var (query, check) in checks)
                {
                    var mayMatch = check.MayMatch(record!);
                    ruledOut += mayMatch ? 0 : 1;
                    Assert.True(mayMatch || !query.Matches(document), $"{path} {item.Location}: ruled out, but the mapped event matches");
                }
            }
        }

        Assert.True(records > 1000, $"only {records} records");
        Assert.True(ruledOut > records / 2, $"only {ruledOut} checks ruled a record out");
    }

    private static void AssertSound(string query, string json)
    {
        var compiled = Kql.Compile(query, FieldMapping.CloudTrail).Query!;
        var matches = compiled.Matches(CloudTrailMapper.Map(Parse(json)).Document);

        Assert.True(Check(query).MayMatch(Parse(json)) || !matches, $"{query} ruled out {json}, which matches once mapped");
    }

    private static OutcomeCheck Check(string query) => OutcomeCheck.For(Kql.Parse(query).Query!, FieldMapping.CloudTrail)!;

    private static JsonObject Parse(string json) => Assert.IsType<JsonObject>(JsonNode.Parse(json));

    private static JsonObject CopyOf(ReadOnlySpan<byte> json) => Assert.IsType<JsonObject>(JsonNode.Parse(json));

    private static string Record(string eventName, string errorCode, string errorMessage)
    {
        var fields = new List<string> { $"\"eventName\":\"{eventName}\"", "\"eventSource\":\"cloudtrail.amazonaws.com\"", "\"eventTime\":\"2026-01-01T00:00:00Z\"" };
        if (errorCode != "absent")
        {
            fields.Add($"\"errorCode\":{errorCode}");
        }

        if (errorMessage != "absent")
        {
            fields.Add($"\"errorMessage\":{errorMessage}");
        }

        return "{\"eventVersion\":\"1.08\"," + string.Join(",", fields) + "}";
    }
}
