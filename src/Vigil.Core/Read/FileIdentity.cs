using System.Runtime.InteropServices;

namespace Vigil.Read;

/// <summary>
/// The device and inode number of a file, equal for two paths or descriptors that reach the same
/// file, such as <c>/dev/stdin</c>, <c>/proc/self/fd/0</c> and descriptor 0.
/// </summary>
internal readonly record struct FileIdentity(long Device, long Inode)
{
    private const int StandardOutputDescriptor = 1;

    // The file type bits of FileStatus.Mode, and the type of a regular file (POSIX S_IFMT, S_IFREG).
    private const int FileTypeMask = 0xF000;
    private const int RegularFileType = 0x8000;

    /// <summary>
    /// Returns the identity of the file at <paramref name="path"/> after following links, or null
    /// when it cannot be read: the file is missing, the system is Windows, or the native call is absent.
    /// </summary>
    public static FileIdentity? OfPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Query(() => (Stat(path, out var status), status));
    }

    /// <summary>
    /// Returns the identity of the regular file open as standard output, or null when standard
    /// output is a pipe, a terminal or another device, or as for <see cref="OfPath"/>.
    /// </summary>
    public static FileIdentity? OfStandardOutputFile() =>
        Query(() => (FStat(StandardOutputDescriptor, out var status), status), regularOnly: true);

    private static FileIdentity? Query(Func<(int Result, FileStatus Status)> stat, bool regularOnly = false)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            var (result, status) = stat();
            var found = result == 0 && (!regularOnly || (status.Mode & FileTypeMask) == RegularFileType);
            return found ? new FileIdentity(status.Dev, status.Ino) : null;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // NOTE: as in RegularFile, SystemNative_Stat and SystemNative_FStat belong to .NET's own
            // native shim, not to a public API. Without them, no path compares equal to another.
            return null;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FStat(nint fileDescriptor, out FileStatus status);

    // The FileStatus struct of .NET 10's native shim (pal_io.h of System.Native). Earlier runtimes
    // lacked RDev, so Ino may move again in a later runtime, and FileIdentityTests compares the
    // numbers with GNU stat to catch that. Size leaves room for fields added at the end.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public long ATime;
        public long ATimeNsec;
        public long MTime;
        public long MTimeNsec;
        public long CTime;
        public long CTimeNsec;
        public long BirthTime;
        public long BirthTimeNsec;
        public long Dev;
        public long RDev;
        public long Ino;
    }
}
