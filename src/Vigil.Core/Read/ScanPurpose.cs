namespace Vigil.Read;

/// <summary>What a <see cref="RecordScanner"/> scans for, which decides its content hash.</summary>
internal enum ScanPurpose : byte
{
    /// <summary>The store's duplicate key: <see cref="CanonicalJsonHash"/>, kept on disk, with the event's time and ID as text.</summary>
    Store,

    /// <summary>A hunt's duplicate key: <see cref="QuickContentHash"/>, kept in memory for one run, without time and ID text.</summary>
    Hunt,

    /// <summary>A hunt over a time range: as <see cref="Hunt"/>, with the event's time as text, to place it in the range.</summary>
    HuntWithEventTime,
}
