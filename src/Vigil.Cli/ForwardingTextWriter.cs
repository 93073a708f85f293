using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Vigil.Cli;

/// <summary>
/// A text writer that passes every write to <paramref name="inner"/> through <see cref="Forward"/>,
/// where a subclass decides what a failed write means for standard output or standard error.
/// </summary>
internal abstract class ForwardingTextWriter(TextWriter inner) : TextWriter
{
    protected TextWriter Inner => inner;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value) => Forward(() => inner.Write(value));

    public override void Write(string? value) => Forward(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Forward(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Forward(() => inner.WriteLine(value));

    public override void Flush() => Forward(inner.Flush);

    /// <summary>Runs one write of the inner writer, handling the <see cref="IOException"/> it may raise.</summary>
    protected abstract void Forward(Action write);
}
