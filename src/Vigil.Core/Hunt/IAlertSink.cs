using System.Text.Json.Nodes;
using Vigil.Detect.Rules;

namespace Vigil.Hunt;

/// <summary>Receives each alert as the hunt produces it, in event order.</summary>
public interface IAlertSink
{
    /// <summary>Takes one alert document of <paramref name="rule"/>.</summary>
    void Write(DetectionRule rule, JsonObject alert);
}
