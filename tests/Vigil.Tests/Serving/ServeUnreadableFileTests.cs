using System.Text.RegularExpressions;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>
/// A watched file that serve cannot open is read once its permission is fixed, though its size and
/// write time stay the same. Serve reports the failure once, and again only when the error changes.
/// </summary>
public class ServeUnreadableFileTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    // Polled every 200 ms, so this is several scans.
    private static readonly TimeSpan SeveralScans = TimeSpan.FromSeconds(1.5);

    [Fact]
    public void FixedPermission_FileRead()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the test locks a file with Unix permissions");
            return;
        }

        using var folder = new TempDirectory();
        var (watch, data) = (Path.Combine(folder.Path, "watch"), Path.Combine(folder.Path, "data"));
        var secret = Path.Combine(watch, "secret.json");
        ServeInputs.WriteNdjson(secret, Enumerable.Range(1, 3).Select(i => ServeInputs.Noise(i, "2026-12-04T10:00:00Z")));
        File.SetLastWriteTimeUtc(secret, DateTime.UtcNow.AddHours(-1));
        Directory.CreateDirectory(data);

        // The nobody user must enter the test folder, list the watched one and write the store.
        File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(watch, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(data, (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(secret, UnixFileMode.None);
        var denied = $"{secret}: byte 0: permission denied";
        var inUse = $"{secret}: byte 0: the file could not be opened: ";
        var read = $"Ingested {secret}: read 3, stored 3";

        using var serve = ServeProcess.StartUnprivileged(folder.Path, "--data", data, "--watch", watch, "--poll", "200ms");
        Assert.True(Eventually.True(() => serve.StandardError.Contains(denied, StringComparison.Ordinal), Patience), serve.StandardError);
        Thread.Sleep(SeveralScans);

        // Locked by this process, with flock(2) as .NET does for FileShare.None, the file fails
        // with another error once it is readable.
        using (new FileStream(secret, FileMode.Open, FileAccess.Read, FileShare.None))
        {
            File.SetUnixFileMode(secret, (UnixFileMode)0b110_100_100);
            Assert.True(Eventually.True(() => serve.StandardError.Contains(inUse, StringComparison.Ordinal), Patience), serve.StandardError);
            Thread.Sleep(SeveralScans);
        }

        Assert.True(Eventually.True(() => serve.StandardError.Contains(read, StringComparison.Ordinal), Patience), serve.StandardError);
        Thread.Sleep(SeveralScans);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        var log = serve.StandardError;
        Assert.Equal(1, Occurrences(log, denied));
        Assert.Equal(1, Occurrences(log, inUse));
        Assert.Equal(2, Occurrences(log, $"Ingested {secret}: read 1, stored 0, duplicates 0, errors 1"));
        Assert.Equal(1, Occurrences(log, read));
        Assert.Equal(0, serve.ExitCode);
    }

    private static int Occurrences(string text, string value) => Regex.Count(text, Regex.Escape(value));
}
