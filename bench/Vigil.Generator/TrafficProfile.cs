namespace Vigil.Generator;

/// <summary>The distributions the generator draws each record's facts from.</summary>
/// <param name="Calls">Event source and event name pairs.</param>
/// <param name="IdentityTypes"><c>userIdentity.type</c> values.</param>
/// <param name="ErrorShare">Share of records carrying an <c>errorCode</c>, from 0 to 1.</param>
/// <param name="ErrorCodes"><c>errorCode</c> values of the failed calls.</param>
/// <param name="ErrorCodesBySource"><c>errorCode</c> values of the failed calls to each event source, where known.</param>
/// <param name="RequestSizes">Length in bytes of the compact <c>requestParameters</c> JSON; 0 means null.</param>
/// <param name="ResponseSizes">Length in bytes of the compact <c>responseElements</c> JSON; 0 means null.</param>
/// <param name="UserAgents"><c>userAgent</c> values.</param>
/// <param name="Regions"><c>awsRegion</c> values.</param>
/// <param name="Source">Where the distributions came from, for the summary line.</param>
internal sealed record TrafficProfile(
    WeightedChoice<ApiCall> Calls,
    WeightedChoice<string> IdentityTypes,
    double ErrorShare,
    WeightedChoice<string> ErrorCodes,
    IReadOnlyDictionary<string, WeightedChoice<string>> ErrorCodesBySource,
    WeightedChoice<int> RequestSizes,
    WeightedChoice<int> ResponseSizes,
    WeightedChoice<string> UserAgents,
    WeightedChoice<string> Regions,
    string Source);
