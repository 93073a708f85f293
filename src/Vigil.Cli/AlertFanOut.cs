using Vigil.Detect.Rules;
using Vigil.Hunt;

namespace Vigil.Cli;

/// <summary>Passes each alert to several sinks, such as the table and an NDJSON file.</summary>
internal sealed class AlertFanOut(IReadOnlyList<IAlertSink> sinks) : IAlertSink
{
    public void Write(DetectionRule rule, ReadOnlySpan<byte> alert)
    {
        foreach (var sink in sinks)
        {
            sink.Write(rule, alert);
        }
    }

    public void ThrowIfFailed()
    {
        foreach (var sink in sinks)
        {
            sink.ThrowIfFailed();
        }
    }

    public void Flush()
    {
        foreach (var sink in sinks)
        {
            sink.Flush();
        }
    }
}
