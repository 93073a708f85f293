using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Vigil.Cli;

/// <summary>
/// Standard error that drops what it cannot write. Warnings and summaries go there, and a full
/// disk under them (<c>2&gt;/dev/full</c> under cron) must not abort a command that has done its
/// work: the exit code still tells the outcome. Nothing is left to report such a failure to.
/// </summary>
internal sealed class StandardErrorWriter(TextWriter inner) : TextWriter
{
    private bool _failed;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value)
    {
        if (!_failed)
        {
            Try(() => inner.Write(value));
        }
    }

    public override void Write(string? value)
    {
        if (!_failed)
        {
            Try(() => inner.Write(value));
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        if (!_failed)
        {
            Try(() => inner.Write(buffer, index, count));
        }
    }

    public override void WriteLine(string? value)
    {
        if (!_failed)
        {
            Try(() => inner.WriteLine(value));
        }
    }

    public override void Flush()
    {
        if (!_failed)
        {
            Try(inner.Flush);
        }
    }

    // After one failure the stream is given up, so a command does not retry every line.
    private void Try(Action write)
    {
        try
        {
            write();
        }
        catch (IOException)
        {
            _failed = true;
        }
    }
}
