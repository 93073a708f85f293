namespace Vigil.Output;

/// <summary>
/// A failure to write alerts to their output, such as a full disk. The hunt stops, because every later
/// alert would be lost too, and the reader must not take it for a failure of the input file.
/// </summary>
public sealed class AlertOutputException(string message, Exception innerException) : Exception(message, innerException);
