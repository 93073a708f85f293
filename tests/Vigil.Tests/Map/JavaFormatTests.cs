using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Tests.Map;

/// <summary>Expected values were produced by OpenJDK's HashMap and Double.toString.</summary>
public class JavaFormatTests
{
    [Fact]
    public void HashMapOrderOfThreeKeys()
    {
        Assert.Equal(["durationSeconds", "roleArn", "roleSessionName"], JavaHashMapOrder.Order(["roleArn", "roleSessionName", "durationSeconds"]));
    }

    [Fact]
    public void HashMapOrderAfterResize()
    {
        string[] keys = ["Tp", "2thrfu5LDOtNHPB", "QX6plCjbn_lB6hzQ9h", "_xbv_CLBusAm7mzlg1CG", "DYePW", "1gNMFW3GNzqgAV7-s", "-JMlzr8", "jL-Sc_l", "1r0gsPQyaxJHlOXGMY", "x3QZo", "LClz7", "Rz6gObi0PeJC", "8wi4Y-r:bDzZfL", "LzA6Z4AAhx3pgrj"];

        var order = JavaHashMapOrder.Order(keys);

        Assert.Equal(["Rz6gObi0PeJC", "8wi4Y-r:bDzZfL", "2thrfu5LDOtNHPB", "1gNMFW3GNzqgAV7-s", "QX6plCjbn_lB6hzQ9h", "_xbv_CLBusAm7mzlg1CG", "-JMlzr8", "jL-Sc_l", "1r0gsPQyaxJHlOXGMY", "LzA6Z4AAhx3pgrj", "x3QZo", "Tp", "LClz7", "DYePW"], order);
    }

    [Theory]
    [InlineData(5.0, "5.0")]
    [InlineData(0.01, "0.01")]
    [InlineData(1e10, "1.0E10")]
    [InlineData(1.2345e-5, "1.2345E-5")]
    [InlineData(123456789.0, "1.23456789E8")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(1e-3, "0.001")]
    [InlineData(1e-4, "1.0E-4")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(100.5, "100.5")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(3.0e-10, "3.0E-10")]
    public void DoubleToString(double value, string expected)
    {
        Assert.Equal(expected, JavaDouble.Format(value));
    }

    [Theory]
    [InlineData("""{"b":[1,"x",true],"a":{"c":1.50}}""", "{b=[1, x, true], a={c=1.5}}")]
    [InlineData("""{"n":12345678901234567890,"e":1e2,"z":-0}""", "{n=12345678901234567890, e=100.0, z=0}")]
    [InlineData("""{"s":"a=b, c"}""", "{s=a=b, c}")]
    [InlineData("""["x",{}]""", "[x, {}]")]
    public void MapToString(string json, string expected)
    {
        Assert.Equal(expected, JavaText.Render(JsonNode.Parse(json)));
    }
}
