using Vigil.Detect.Rules;

namespace Vigil.Hunt;

/// <summary>Receives each alert as the hunt produces it, in event order.</summary>
public interface IAlertSink
{
    /// <summary>Takes one alert of <paramref name="rule"/> as compact UTF-8 JSON, one object.</summary>
    /// <remarks>
    /// The bytes are valid only during the call, because the hunt writes the next alert over them;
    /// copy or parse what you keep.
    /// </remarks>
    void Write(DetectionRule rule, ReadOnlySpan<byte> alert);

    /// <summary>
    /// Throws when the sink has failed and can take no more alerts, as <see cref="Write"/> would.
    /// The hunt calls it once per batch of records, with or without alerts. A sink that writes in
    /// the background (a buffered writer's timer) can fail while no alert comes, and the hunt then
    /// stops at the next batch instead of at the end of its input.
    /// </summary>
    void ThrowIfFailed()
    {
    }

    /// <summary>
    /// Writes out the alerts the sink holds back to write in larger blocks. The hunt calls it when
    /// an input pipe has had no data for a while, so that alerts found so far need not wait.
    /// </summary>
    void Flush()
    {
    }
}
