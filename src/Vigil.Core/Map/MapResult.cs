namespace Vigil.Map;

/// <summary>The ECS document made from one CloudTrail record.</summary>
/// <param name="Document">The document. It exists even when mapping failed, as in Elastic.</param>
/// <param name="Error">
/// Why the record could not be mapped completely, or <c>null</c>. When set, the document has
/// <c>event.kind: pipeline_error</c> and the same text in <c>error.message</c>.
/// </param>
public sealed record MapResult(EcsDocument Document, string? Error);
