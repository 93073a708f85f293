using System.Globalization;
using System.Net;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports exact values that the field's type in the CloudTrail mapping, or else in the field
/// catalogue, cannot hold. Elasticsearch rejects such a query (a number, IP or boolean that does
/// not parse), so the rule fails on every run.
/// </summary>
internal static class ValueTypeCheck
{
    public static void Run(LintContext context)
    {
        // A filter value the field cannot take is reported by KibanaOnlyCheck, from the filter compiler.
        foreach (var leaf in context.Leaves.Where(leaf => leaf.IsExact && leaf.Filter is null))
        {
            var type = FieldMapping.CloudTrail.Find(leaf.Field)?.Type ?? FieldCatalogue.TypeOf(leaf.Field);
            var value = leaf.Value!.Text;
            if (type is not { } fieldType || Fits(fieldType, value))
            {
                continue;
            }

            var typeName = fieldType.ToString().ToLowerInvariant();
            context.AtLeaf(LintIds.WrongValueType, LintSeverity.Error, leaf,
                $"{leaf.Field} is {IndefiniteArticle.With(typeName)} field and \"{value}\" is not a valid {typeName}, so Elasticsearch rejects the query",
                $"use {IndefiniteArticle.With(typeName)} value, or a keyword field that holds this text");
        }
    }

    private static bool Fits(FieldType type, string value) => type switch
    {
        FieldType.Long or FieldType.Integer or FieldType.Short or FieldType.Byte or FieldType.UnsignedLong
            or FieldType.Double or FieldType.Float or FieldType.HalfFloat or FieldType.ScaledFloat => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        FieldType.Ip => IPAddress.TryParse(value.Split('/')[0], out _),
        FieldType.Boolean => value is "true" or "false",
        _ => true,
    };
}
