using Vigil.Detect.Kql;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports a range on a key of a flattened field, such as
/// <c>aws.cloudtrail.flattened.request_parameters.durationSeconds &gt;= 3600</c>. Elasticsearch
/// indexes every key of a flattened field as a keyword, so the range compares text character by
/// character, and numbers or dates written with other lengths compare in the wrong order.
/// </summary>
internal static class FlattenedRangeCheck
{
    // NOTE: a range query in the rule's filters is not checked.
    public static void Run(LintContext context)
    {
        if (context.Query is not { } query)
        {
            return;
        }

        foreach (var range in Ranges(query))
        {
            if (FieldMapping.CloudTrail.FlattenedRootOf(range.Field.Name!) is not { } root)
            {
                continue;
            }

            context.AtQuery(LintIds.RangeOnFlattenedKey, LintSeverity.Warning, range.Position,
                $"the range on {range.Field.Name} compares text, not numbers or dates: Elasticsearch indexes every key of the flattened field {root.Name} as a keyword, so \"900\" sorts after \"3600\" and \"10000\" before it",
                $"list the values the rule looks for, such as {range.Field.Name}:(3600 or 43200), or compare values of one fixed width");
        }
    }

    /// <summary>Returns the ranges on named fields of <paramref name="node"/>; nested queries are skipped, as <see cref="QueryLeaf.Collect"/> skips them.</summary>
    private static IEnumerable<KqlRange> Ranges(KqlNode node) => node switch
    {
        KqlRange { Field: { IsNone: false, IsPattern: false } } range => [range],
        KqlAnd and => and.Operands.SelectMany(Ranges),
        KqlOr or => or.Operands.SelectMany(Ranges),
        KqlNot not => Ranges(not.Operand),
        _ => [],
    };
}
