using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Keeps the first alerts' display columns for the table, so a huge hunt cannot exhaust memory.</summary>
internal sealed class AlertTable : IAlertSink
{
    /// <summary>Rows shown at most; beyond this a table stops being readable and NDJSON is the better tool.</summary>
    public const int MaxRows = 1000;

    private readonly List<AlertRow> _rows = [];

    public IReadOnlyList<AlertRow> Rows => _rows;

    public void Write(DetectionRule rule, ReadOnlySpan<byte> alert)
    {
        if (_rows.Count < MaxRows)
        {
            _rows.Add(AlertRow.From(AlertText.Parse(alert)));
        }
    }
}
