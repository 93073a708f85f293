using System.Text.Json.Nodes;
using Vigil.Detect.Rules;

namespace Vigil.Hunt;

/// <summary>Receives each alert as the hunt produces it, in event order.</summary>
public interface IAlertSink
{
    /// <summary>Takes one alert document of <paramref name="rule"/>.</summary>
    /// <remarks>
    /// The rule's long fields (its notes, parameters, threat mapping, lists and long strings) are
    /// written as JSON like any other, but are opaque values in the node tree. To read them, parse
    /// the alert's JSON text. The alert's own fields and the event's fields read as usual.
    /// </remarks>
    void Write(DetectionRule rule, JsonObject alert);
}
