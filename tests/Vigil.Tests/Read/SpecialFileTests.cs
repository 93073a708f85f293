using System.Diagnostics;
using System.Net.Sockets;
using Vigil.Read;

namespace Vigil.Tests.Read;

/// <summary>Named pipes, sockets and devices are reported, never opened, because opening one may block or never end.</summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vigil-special-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void NamedPipeIsNotRegularFile()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "named pipes are not files on Windows");
        var path = Path.Combine(_directory, "pipe.json");
        using (var mkfifo = Process.Start("mkfifo", [path]))
        {
            mkfifo.WaitForExit();
        }

        var item = Assert.Single(new CloudTrailReader().ReadFile(path));

        Assert.Equal(ReadOutcome.Error, item.Outcome);
        Assert.StartsWith("not a regular file", item.Reason);
    }

    [Fact]
    public void SocketInDirectoryIsNotRegularFile()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix domain sockets are not listed as files on Windows");
        var path = Path.Combine(_directory, "socket.json");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        var file = Assert.Single(CloudTrailReader.ExpandPaths([_directory]));
        var item = Assert.Single(new CloudTrailReader().ReadFile(file));

        Assert.Equal(ReadOutcome.Error, item.Outcome);
        Assert.StartsWith("not a regular file", item.Reason);
    }

    [Fact]
    public void DeviceIsNotRegularFile()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "no /dev/zero device");

        var item = Assert.Single(new CloudTrailReader().ReadFile("/dev/zero"));

        Assert.StartsWith("not a regular file", item.Reason);
    }

    [Fact]
    public void RegularFileIsRead()
    {
        var path = Path.Combine(_directory, "one.json");
        File.WriteAllText(path, """{"eventName":"GetObject"}""");

        Assert.Equal(ReadOutcome.Record, Assert.Single(new CloudTrailReader().ReadFile(path)).Outcome);
    }
}
