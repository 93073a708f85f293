namespace Vigil.Read;

/// <summary>Tells a missing path from one that a folder on the way keeps the user from reaching.</summary>
internal static class PathAccess
{
    /// <summary>
    /// Returns the system's message when <paramref name="path"/> cannot be reached for lack of
    /// permission, or <c>null</c> when it is missing or can be reached.
    /// </summary>
    public static string? Denied(string path)
    {
        try
        {
            File.GetAttributes(path);
            return null;
        }
        catch (UnauthorizedAccessException exception)
        {
            return exception.Message;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
