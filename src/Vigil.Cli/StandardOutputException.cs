namespace Vigil.Cli;

/// <summary>
/// A write to standard output failed, for example on a full disk. The inner exception carries the
/// operating system's error, which <see cref="ClosedPipe.Caused"/> reads to tell a closed pipe apart.
/// </summary>
internal sealed class StandardOutputException(IOException inner)
    : IOException($"cannot write to standard output: {inner.Message.TrimEnd('.')}", inner);
