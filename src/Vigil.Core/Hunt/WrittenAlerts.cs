using System.Buffers;
using System.Text.Json;
using Vigil.Alert;
using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>
/// The alerts of one event as JSON text, written by the worker that mapped the event while its
/// node tree is at hand, and kept as one array until the hunt counts the event.
/// </summary>
internal sealed class WrittenAlerts
{
    private readonly byte[] _text;

    private WrittenAlerts(byte[] text, Alert[] alerts)
    {
        _text = text;
        Alerts = alerts;
    }

    public Alert[] Alerts { get; }

    /// <summary>Writes the alert of each rule <paramref name="document"/> matched, using <paramref name="scratch"/> on the way.</summary>
    public static WrittenAlerts Write(List<PreparedRule> rules, EcsDocument document, DateTimeOffset executionTime, ArrayBufferWriter<byte> scratch)
    {
        scratch.ResetWrittenCount();
        var alerts = new Alert[rules.Count];
        using var writer = new Utf8JsonWriter(scratch);
        for (var i = 0; i < rules.Count; i++)
        {
            var start = scratch.WrittenCount;
            writer.Reset(scratch);
            var uuid = AlertWriter.Write(writer, rules[i].Rule, document, executionTime);
            writer.Flush();
            alerts[i] = new Alert(rules[i], uuid, start, scratch.WrittenCount - start);
        }

        return new WrittenAlerts(scratch.WrittenSpan.ToArray(), alerts);
    }

    /// <summary>Returns one alert's text.</summary>
    public ReadOnlySpan<byte> Text(Alert alert) => _text.AsSpan(alert.Start, alert.Length);

    /// <summary>One alert: its rule, its <c>kibana.alert.uuid</c> and where its text is.</summary>
    public readonly record struct Alert(PreparedRule Rule, string Uuid, int Start, int Length);
}
