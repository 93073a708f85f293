namespace Vigil.Read;

/// <summary>A folder among the input paths that could not be listed, so none of its files were read.</summary>
/// <param name="Path">The folder, as the input paths name it.</param>
/// <param name="Reason">Why listing failed and what to do, such as <c>the folder could not be listed (…); check its permissions</c>.</param>
public sealed record UnlistedFolder(string Path, string Reason);
