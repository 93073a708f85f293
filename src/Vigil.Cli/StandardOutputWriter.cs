namespace Vigil.Cli;

/// <summary>
/// Standard output whose write failures are marked as such, so that a command whose output
/// goes to a full disk (<c>vigil alerts list &gt; /dev/full</c>) stops with one line on standard
/// error instead of a stack trace (see <see cref="StandardOutputException"/>). Hunt's NDJSON alerts
/// bypass it through <see cref="ClosedPipe"/>.
/// </summary>
internal sealed class StandardOutputWriter(TextWriter inner) : ForwardingTextWriter(inner)
{
    protected override void Forward(Action write)
    {
        try
        {
            write();
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
                Forward(Inner.Dispose);
            }
        }
        finally
        {
            base.Dispose(disposing);
        }
    }
}
