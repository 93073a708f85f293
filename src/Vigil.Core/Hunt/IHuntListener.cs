using Vigil.Detect.Rules;
using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>Receives a hunt's progress and problems while it runs. Every member has an empty default.</summary>
public interface IHuntListener
{
    /// <summary>Called before reading file number <paramref name="index"/> (0-based) of <paramref name="count"/>.</summary>
    void FileStarted(string path, int index, int count)
    {
    }

    /// <summary>Called after a file is read to its end or to its first unrecoverable error.</summary>
    void FileFinished(string path, long bytes)
    {
    }

    /// <summary>
    /// Called after a file in which <paramref name="lacking"/> of its <paramref name="events"/> events
    /// have neither <c>eventName</c> nor <c>eventTime</c>. Every CloudTrail record has both, so such
    /// a file probably contains other JSON.
    /// </summary>
    void EventsLackCloudTrailFields(string path, long lacking, long events)
    {
    }

    /// <summary>
    /// Called once, before any file is read, for each rule that runs with a warning, such as a rule
    /// whose exception lists Vigil cannot read.
    /// </summary>
    void RuleWarning(DetectionRule rule, string warning)
    {
    }

    /// <summary>Called once, before any file is read, for each input folder that could not be listed.</summary>
    void FolderNotListed(UnlistedFolder folder)
    {
    }

    /// <summary>
    /// Called for each skip of data that is not JSON (<see cref="NotCloudTrail.Reason"/>), such as a
    /// web access log. A file of base64 payloads may give one per payload.
    /// </summary>
    void SkippedNotCloudTrail(ReadItem skip)
    {
    }

    /// <summary>Called for each record or file that could not be read.</summary>
    void RecordFailed(ReadItem failure)
    {
    }

    /// <summary>
    /// Called for each record mapped only in part, for example with an <c>eventTime</c> that is not a
    /// date. The event is still hunted, as Elastic still indexes such a document.
    /// </summary>
    void MappingFailed(ReadItem record)
    {
    }
}
