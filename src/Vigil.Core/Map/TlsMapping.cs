namespace Vigil.Map;

/// <summary>
/// Maps <c>tlsDetails</c>: <c>TLSv1.2</c> becomes <c>tls.version_protocol: tls</c> and
/// <c>tls.version: 1.2</c>; a version without the <c>v</c> separator (<c>1.3</c>) is kept whole in
/// <c>tls.version</c>; the placeholder <c>tlsVersion</c> drops the whole block.
/// </summary>
internal static class TlsMapping
{
    public static void Apply(MappingContext context)
    {
        var version = JsonPaths.Get(context.Json, "tlsDetails.tlsVersion");
        if (version is not null && JsonPaths.Render(version) == "tlsVersion")
        {
            context.Json.Remove("tlsDetails");
            return;
        }

        if (version is not null)
        {
            MapVersion(context, JsonPaths.Render(version));
        }

        context.Rename("tlsDetails.cipherSuite", "tls.cipher");
        context.Rename("tlsDetails.clientProvidedHostHeader", "tls.client.server_name");
        context.Rename("tlsDetails.keyExchange", "aws.cloudtrail.tls_details.key_exchange");
    }

    private static void MapVersion(MappingContext context, string version)
    {
        // Elastic's dissect pattern %{protocol}v%{version} splits at the first "v".
        var separator = version.IndexOf('v', StringComparison.Ordinal);
        if (separator < 0)
        {
            context.Rename("tlsDetails.tlsVersion", "tls.version");
            return;
        }

        var protocol = version[..separator].ToLowerInvariant();
        var number = version[(separator + 1)..];
        if (protocol.Length > 0)
        {
            context.Set("tls.version_protocol", protocol);
        }

        if (number.Length > 0)
        {
            context.Set("tls.version", number);
        }
    }
}
