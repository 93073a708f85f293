namespace Vigil.Generator;

/// <summary>Generates CloudTrail records from a <see cref="TrafficProfile"/> into the chosen layout.</summary>
internal static class CloudTrailGenerator
{
    public static GenerationSummary Run(GeneratorOptions options, TrafficProfile profile)
    {
        if (options.Layout == OutputLayout.S3)
        {
            using var s3 = new S3LayoutSink(options.Output, options.Seed);
            return Fill(s3, options, profile);
        }

        using var file = File.Create(options.Output);
        using var sink = new RecordsDocumentSink(file, compress: options.Layout == OutputLayout.JsonGzip);
        return Fill(sink, options, profile);
    }

    /// <summary>Writes one <c>{"Records":[...]}</c> document to <paramref name="output"/>, ignoring the options' output path and layout.</summary>
    public static GenerationSummary Write(Stream output, GeneratorOptions options, TrafficProfile profile)
    {
        using var sink = new RecordsDocumentSink(output, compress: false);
        return Fill(sink, options, profile);
    }

    private static GenerationSummary Fill(IRecordSink sink, GeneratorOptions options, TrafficProfile profile)
    {
        var drawer = new RecordDrawer(profile, options.Seed, options.RoleChainShare, options.Start);
        long records = 0;
        long roleChains = 0;
        while (records < options.MaxRecords && sink.BytesWritten < options.TargetBytes)
        {
            var record = drawer.Next();
            sink.Write(record);
            records++;
            roleChains += record.IsRoleChain ? 1 : 0;
        }

        sink.Complete();
        return new GenerationSummary(records, roleChains, sink.BytesWritten, sink.Files, profile.Source);
    }
}
