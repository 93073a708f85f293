using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Compilation.Leaves;
using Vigil.Map;

namespace Vigil.Detect.Kql.Compilation;

/// <summary>
/// Exists on an object field: finds the values at the field's path and below it, then runs
/// <see cref="ObjectExists"/> on them. Unlike <see cref="Documents.CompiledPath"/>, it also follows a
/// dotted key that reaches past the path, such as <c>{"user.name": "bob"}</c> for <c>user</c>,
/// because Elasticsearch indexes that value as the sub-field <c>user.name</c>.
/// </summary>
internal sealed class ObjectExistsMatcher : DocumentMatcher
{
    private readonly ObjectExists _test;
    private readonly string _fullName;
    private readonly string[] _segments;

    // _remaining[i] is the path from segment i to the end, joined with dots.
    private readonly string[] _remaining;

    /// <param name="path">The field's path relative to the scope the query runs in.</param>
    /// <param name="fullName">The field's full name, which <paramref name="test"/> resolves sub-fields under.</param>
    /// <param name="test">The exists test of the field.</param>
    public ObjectExistsMatcher(string path, string fullName, ObjectExists test)
    {
        _test = test;
        _fullName = fullName;
        _segments = path.Split('.');
        _remaining = Enumerable.Range(0, _segments.Length).Select(start => string.Join('.', _segments[start..])).ToArray();
    }

    public override bool Matches(JsonNode scope, EcsDocument? document) => Matches(scope, 0);

    private bool Matches(JsonNode? node, int start)
    {
        switch (node)
        {
            case null:
                return false;

            case JsonArray array:
                foreach (var item in array)
                {
                    if (Matches(item, start))
                    {
                        return true;
                    }
                }

                return false;

            case JsonObject obj when start < _segments.Length:
                foreach (var (key, child) in obj)
                {
                    if (child is not null && MatchesProperty(key, child, start))
                    {
                        return true;
                    }
                }

                return false;

            default:
                return start == _segments.Length && _test.TestAt(node, _fullName);
        }
    }

    /// <summary>
    /// Follows one property of an object reached after <paramref name="start"/> segments. Its key may
    /// name the rest of the path, a part of it (<c>{"a.b": {"c": 1}}</c>) or the rest and more.
    /// </summary>
    private bool MatchesProperty(string key, JsonNode child, int start)
    {
        var remaining = _remaining[start];
        if (key.Length == remaining.Length)
        {
            return key == remaining && _test.TestAt(child, _fullName);
        }

        if (key.Length < remaining.Length)
        {
            return remaining[key.Length] == '.'
                && remaining.StartsWith(key, StringComparison.Ordinal)
                && Matches(child, start + SegmentCount(key));
        }

        return key[remaining.Length] == '.'
            && key.StartsWith(remaining, StringComparison.Ordinal)
            && _test.TestAt(child, _fullName + key[remaining.Length..]);
    }

    private static int SegmentCount(string key) => key.Count(c => c == '.') + 1;
}
