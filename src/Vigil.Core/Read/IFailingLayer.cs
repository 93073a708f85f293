namespace Vigil.Read;

/// <summary>
/// A layer around the JSON (gzip, base64) that ends its data at the first invalid byte instead of
/// throwing, so that the reader keeps every record before it, and reports why it ended.
/// </summary>
internal interface IFailingLayer
{
    /// <summary>Why the layer's data ended early, or null while it is valid.</summary>
    string? Failure { get; }

    /// <summary>Whether <see cref="Failure"/> shows that data the layer returned before it may be wrong, not only that the data ended early.</summary>
    bool DataIsCorrupt => false;
}
