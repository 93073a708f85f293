namespace Vigil.Cli;

/// <summary>The filters and format of <c>vigil alerts list</c>, as given.</summary>
internal sealed record AlertsListArguments(string? Rule, string? Severity, string? Status, string? Since, string Format);
