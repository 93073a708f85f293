namespace Vigil.Cli;

/// <summary>
/// Standard error that drops what it cannot write. Warnings and summaries go there, and a full
/// disk under them (<c>2&gt;/dev/full</c> under cron) must not abort a command that has done its
/// work: the exit code still reports the outcome. Nothing is left to report such a failure to.
/// </summary>
internal sealed class StandardErrorWriter(TextWriter inner) : ForwardingTextWriter(inner)
{
    private bool _failed;

    // After one failure the stream is given up, so a command does not retry every line.
    protected override void Forward(Action write)
    {
        if (_failed)
        {
            return;
        }

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
