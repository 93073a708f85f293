namespace Vigil.Generator;

/// <summary>How generated records are laid out on disk.</summary>
internal enum OutputLayout
{
    /// <summary>One <c>{"Records":[...]}</c> file.</summary>
    Json,

    /// <summary>One gzip-compressed <c>{"Records":[...]}</c> file.</summary>
    JsonGzip,

    /// <summary>
    /// CloudTrail's S3 delivery layout under a folder:
    /// <c>AWSLogs/&lt;account&gt;/CloudTrail/&lt;region&gt;/yyyy/MM/dd/&lt;account&gt;_CloudTrail_&lt;region&gt;_&lt;time&gt;_&lt;random&gt;.json.gz</c>.
    /// </summary>
    S3,
}
