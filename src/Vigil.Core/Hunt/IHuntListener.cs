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
