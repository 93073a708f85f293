using System.Runtime.CompilerServices;

namespace Vigil.Map;

/// <summary>
/// The values of the <see cref="HotFields"/> of one document, stored inline in the document object.
/// A slot contains the field's only value when that value is a JSON string, <see cref="Missing"/> when
/// the field has no value, and null when the slot was not filled or the field has several values or
/// a value of another kind; a reader then walks the JSON tree.
/// </summary>
[InlineArray(HotFields.Count)]
internal struct HotFieldValues
{
    private object? _slot;

    /// <summary>The marker of a field that has no value in the document.</summary>
    public static object Missing { get; } = new();
}
