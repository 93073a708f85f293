using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// The state of one record going through the pipeline: the remaining raw fields (<see cref="Json"/>;
/// a rename moves a field out of it), the document being built, scratch values and errors.
/// </summary>
internal sealed class MappingContext(JsonObject json)
{
    private const string PipelineName = "logs-aws.cloudtrail";

    public JsonObject Json { get; } = json;

    public JsonObject Document { get; } = [];

    /// <summary>The AWS service acting, when the caller is a service rather than a person.</summary>
    public string? ServiceName { get; set; }

    public List<string> Errors { get; } = [];

    /// <summary>
    /// Bit <c>i</c> is set while payload <c>i</c> of <see cref="PayloadMapping.Payloads"/> waits for
    /// <see cref="PayloadMapping.MoveFlattened"/> to move it into the document.
    /// </summary>
    public int DeferredPayloads { get; set; }

    public JsonNode? Get(string path) => JsonPaths.Get(Document, path);

    public string? GetString(string path) => JsonPaths.GetString(Document, path);

    public bool Has(string path) => Get(path) is not null;

    public void Set(string path, JsonNode? value) => JsonPaths.Set(Document, path, value);

    /// <summary>Moves a raw field to <paramref name="target"/>, as a <c>rename</c> processor with <c>ignore_missing</c>.</summary>
    public void Rename(string source, string target)
    {
        if (JsonPaths.Take(Json, source) is { } value)
        {
            Set(target, value);
        }
    }

    /// <summary>Copies a raw field to <paramref name="target"/>, as a <c>set</c> with <c>copy_from</c> and <c>ignore_empty_value</c>.</summary>
    public void Copy(string source, string target)
    {
        if (JsonPaths.Get(Json, source) is { } value && !(value is JsonValue text && JavaText.Scalar(text).Length == 0))
        {
            Set(target, value.DeepClone());
        }
    }

    /// <summary>Appends <paramref name="value"/> to the array at <paramref name="path"/> unless present (<c>allow_duplicates: false</c>).</summary>
    public void AppendUnique(string path, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (Get(path) is not JsonArray array)
        {
            array = [];
            Set(path, array);
        }

        if (!Contains(array, value))
        {
            array.Add((JsonNode)JsonValue.Create(value));
        }
    }

    private static bool Contains(JsonArray array, string value)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue existing && JavaText.Scalar(existing) == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Appends each of <paramref name="values"/> not yet in the array at <paramref name="path"/>, in linear time.</summary>
    public void AppendAllUnique(string path, IReadOnlyCollection<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var array = Get(path) as JsonArray;
        var present = new HashSet<string>(array?.OfType<JsonValue>().Select(JavaText.Scalar) ?? [], StringComparer.Ordinal);
        foreach (var value in values.Where(present.Add))
        {
            if (array is null)
            {
                array = [];
                Set(path, array);
            }

            array.Add((JsonNode)JsonValue.Create(value));
        }
    }

    /// <summary>Records a processor failure as Elastic words it in <c>error.message</c>.</summary>
    public void AddError(string processor, string tag, string message) =>
        Errors.Add($"Processor {processor} with tag {tag} in pipeline {PipelineName} failed with message: {message}");
}
