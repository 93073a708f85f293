using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Vigil.Tests.Cli;

/// <summary>
/// Log event ids of the command-line hosts. Operators filter and alert on them, so one id must name
/// one message across every command.
/// </summary>
public class LogEventIdTests
{
    [Fact]
    public void EventIdsAreUnique()
    {
        var messages = typeof(Vigil.Cli.ServeLog).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(message => message.Attribute is not null)
            .ToList();

        var repeated = messages
            .GroupBy(message => message.Attribute!.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(m => $"{m.Method.DeclaringType!.Name}.{m.Method.Name}"))}")
            .ToList();

        Assert.NotEmpty(messages);
        Assert.Empty(repeated);
    }
}
