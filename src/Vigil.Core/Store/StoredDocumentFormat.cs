namespace Vigil.Store;

/// <summary>What an event row's <c>document</c> column contains (its <c>format</c> column).</summary>
internal enum StoredDocumentFormat
{
    /// <summary>The ECS document as JSON text, with <c>event.ingested</c> set.</summary>
    EcsDocument = 0,

    /// <summary>The raw CloudTrail record as UTF-8 JSON bytes, mapped when the event is read.</summary>
    CloudTrailRecord = 1,
}
