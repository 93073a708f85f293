namespace Vigil.Read;

/// <summary>
/// The check of <see cref="RecordStreamReader"/> whether a layer under the data, such as gzip, is
/// corrupt, which explains a JSON error better than the JSON does.
/// </summary>
/// <remarks>
/// A gzip member's CRC-32 is checked only at its end, so records read before a JSON error in
/// corrupt gzip data were handed out unchecked, and a streaming hunt cannot take back what it
/// already reported. The check only adds the layer's failure to the error, and recovery goes on as
/// for any JSON error, so that a hunt, whose own threads check the syntax of most records (see
/// <see cref="ElementSyntax"/>), counts the same records. The layer's failure is reported again
/// once the data ends, saying that the records read from the file may be damaged.
/// </remarks>
internal sealed partial class RecordStreamReader
{
    // The decompressed bytes the check reads ahead to find the end of the gzip data. They are held
    // in memory until the reader reaches them. In a larger file, a JSON error is reported without
    // the check, and the gzip failure once the reader reaches it.
    private const int MaxLayerCheckBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Returns whether the failure of a layer under the data shows that data it returned may be
    /// wrong (see <see cref="IFailingLayer.DataIsCorrupt"/>); read once the data ends.
    /// </summary>
    public Func<bool> LayerIsCorrupt { get; set; } = () => false;

    private bool _layerChecked;

    // Set once an error named the corrupt layer's failure in full.
    private bool _corruptionNamed;

    /// <summary>
    /// Returns <paramref name="error"/>, a JSON error, with the failure of a corrupt layer under the
    /// data added: in full to the first such error, and shortened to the errors after it.
    /// </summary>
    private ReadItem WithLayerCheck(ReadItem error)
    {
        if (CorruptLayer() is not { } failure)
        {
            return error;
        }

        var note = _corruptionNamed ? "the gzip data is corrupt, which explains the error" : $"the gzip data is corrupt, which explains the error: {failure}";
        _corruptionNamed = true;
        return error with { Reason = $"{error.Reason}; {note}" };
    }

    /// <summary>
    /// Returns the failure of a corrupt layer under the data, or <c>null</c>. The first call for
    /// decoded data reads on through at most <see cref="MaxLayerCheckBytes"/> to the end of the
    /// data, which the window keeps for the reader, so later errors cost no second read.
    /// </summary>
    private string? CorruptLayer()
    {
        if (!Decoded)
        {
            return null;
        }

        if (!_layerChecked && _layerFailure() is null)
        {
            _window.ReadAhead(MaxLayerCheckBytes);
        }

        _layerChecked = true;
        return LayerIsCorrupt() ? _layerFailure() : null;
    }

    /// <summary>
    /// The records recovered before a layer's failure, and those that a corrupt layer may have
    /// damaged: the records read from this data, not those of a file's earlier payloads.
    /// </summary>
    private string RecoveredBeforeFailure()
    {
        var fromThisData = _records - _recordsBefore;
        if (!LayerIsCorrupt() || fromThisData == 0)
        {
            return $"{Recovered()} before it";
        }

        return _isPayload && _recordsBefore > 0
            ? $"{Recovered()} before it, and the {fromThisData} from this payload may be damaged too"
            : $"{Recovered()} before it, which may be damaged too";
    }
}
