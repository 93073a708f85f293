namespace Vigil.Map;

/// <summary>
/// One top-level member of a document and where its value lies in the document's JSON text
/// (<see cref="EcsDocument.Utf8Json"/>), so that a copy of it is a copy of bytes.
/// </summary>
/// <param name="Key">The member's key, unescaped.</param>
/// <param name="Start">The offset of the value's first byte.</param>
/// <param name="Length">The length of the value's text.</param>
/// <param name="Members">For the <c>event</c> object, its own members, placed the same way, or <c>null</c> for any other member.</param>
internal sealed record DocumentMember(string Key, int Start, int Length, DocumentMember[]? Members = null);
