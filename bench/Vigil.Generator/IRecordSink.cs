namespace Vigil.Generator;

/// <summary>Where generated records go, in one of the <see cref="OutputLayout"/> forms.</summary>
internal interface IRecordSink : IDisposable
{
    /// <summary>Bytes of uncompressed JSON written so far, counting buffered bytes.</summary>
    long BytesWritten { get; }

    int Files { get; }

    void Write(DrawnRecord record);

    /// <summary>Closes every open <c>{"Records":[...]}</c> document and flushes it.</summary>
    void Complete();
}
