using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Vigil.Cli;

/// <summary>
/// Standard output whose write failures are marked as such, so that a command whose output
/// goes to a full disk (<c>vigil alerts list &gt; /dev/full</c>) stops with one line on standard
/// error instead of a stack trace (see <see cref="StandardOutputException"/>). Hunt's NDJSON alerts
/// bypass it through <see cref="ClosedPipe"/>.
/// </summary>
internal sealed class StandardOutputWriter(TextWriter inner) : TextWriter
{
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
        try
        {
            inner.Write(value);
        }
        catch (IOException exception)
        {
            throw new StandardOutputException(exception);
        }
    }

    public override void Write(string? value)
    {
        try
        {
            inner.Write(value);
        }
        catch (IOException exception)
        {
            throw new StandardOutputException(exception);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        try
        {
            inner.Write(buffer, index, count);
        }
        catch (IOException exception)
        {
            throw new StandardOutputException(exception);
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (IOException exception)
        {
            throw new StandardOutputException(exception);
        }
    }

    public override void WriteLine(string? value)
    {
        try
        {
            inner.WriteLine(value);
        }
        catch (IOException exception)
        {
            throw new StandardOutputException(exception);
        }
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            if (disposing)
            {
                inner.Dispose();
            }
        }
        catch (IOException exception)
        {
            throw new StandardOutputException(exception);
        }
        finally
        {
            base.Dispose(disposing);
        }
    }

    public override void Flush()
    {
        try
        {
            inner.Flush();
        }
        catch (IOException exception)
        {
            throw new StandardOutputException(exception);
        }
    }
}
