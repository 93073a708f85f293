using System.Diagnostics;
using System.Text;

namespace Vigil.Tests.Support;

/// <summary>A running <c>vigil serve</c> child process, with its output collected as it runs.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ServeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string StandardError
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The process id, which a second serve's error names.</summary>
    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>vigil serve</c> with <paramref name="arguments"/> after the subcommand.</summary>
    public static ServeProcess Start(params string[] arguments) => StartWithEnvironment(new Dictionary<string, string?>(), arguments);

    /// <summary>Starts <c>vigil serve</c> with <paramref name="environment"/> set in its environment.</summary>
    public static ServeProcess StartWithEnvironment(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        new(CliRunner.Start(environment, ["serve", .. arguments]));

    /// <summary>Starts <c>vigil serve</c> as the <c>nobody</c> user in <paramref name="home"/>, or skips the test where that cannot run.</summary>
    public static ServeProcess StartUnprivileged(string home, params string[] arguments) =>
        new(UnprivilegedCli.StartProcess(home, ["serve", .. arguments]));

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit on its own, and then for its output.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
        return true;
    }

    /// <summary>Ends the process at once with SIGKILL, as a crash or power cut would, and waits for it.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Sends SIGTERM, as a service manager does, and waits up to <paramref name="timeout"/> for the exit.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
        return true;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
