using System.Runtime.InteropServices;

namespace Vigil.Read;

/// <summary>
/// Tells regular files from named pipes, sockets and devices, which .NET reports alike. Opening a
/// named pipe blocks until a writer appears, and a device such as <c>/dev/zero</c> never ends.
/// </summary>
internal static class RegularFile
{
    // File type bits of FileStatus.Mode in .NET's native shim (pal_io.h); the same values on every Unix.
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int PipeType = 0x1000;

    /// <summary>
    /// Returns <c>false</c> when <paramref name="path"/> (after following links) is a file system
    /// object other than a regular file or directory; returns <c>true</c> when it cannot be checked.
    /// </summary>
    public static bool IsRegularOrUnknown(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            return Stat(path, out var status) != 0 || (status.Mode & TypeMask) == RegularType;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // NOTE: SystemNative_Stat is .NET's own native shim, present since .NET Core 1.0 but not a
            // public API; should it go, special files are opened like regular ones again.
            return true;
        }
    }

    /// <summary>
    /// Returns <c>true</c> when <paramref name="path"/> (after following links) is a pipe: a named
    /// pipe, or one a shell gives as <c>/dev/stdin</c> or <c>/dev/fd/63</c> for <c>&lt;(…)</c>.
    /// </summary>
    public static bool IsPipe(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return Stat(path, out var status) == 0 && (status.Mode & TypeMask) == PipeType;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

    // Only the leading fields are read; Size covers the rest of the native struct with room to spare.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }
}
