using System.IO.Compression;

namespace Vigil.Read;

/// <summary>
/// Inflates gzip data held in memory to find how far it is valid, so that
/// <see cref="Base64TextStream"/> can distinguish a wrapped payload cut short from a healthy one.
/// </summary>
internal static class GzipTrial
{
    // A CloudWatch Logs batch contains at most 1 MiB of log events, so a payload's JSON is a few MiB
    // at most. A trial stops at this much output, so that highly compressed data cannot slow it.
    private const long MaxOutput = 16 * 1024 * 1024;

    private const int ChunkLength = 64 * 1024;

    /// <summary>
    /// Whether <paramref name="data"/> starts with a gzip header whose deflate data inflates without
    /// error, up to the end of the member, of the data or of <see cref="MaxOutput"/>, to output that
    /// starts with '{', as a subscription payload's JSON does. The trailer is not checked, so that
    /// a member cut short passes too.
    /// </summary>
    public static bool StartsJsonMember(byte[] data)
    {
        using var source = new MemoryStream(data, writable: false);
        var buffer = new byte[ChunkLength];
        try
        {
            GzipHeader.Skip(source, 1);
            using var deflate = new DeflateStream(source, CompressionMode.Decompress);
            var read = deflate.Read(buffer);
            if (read == 0 || buffer[0] != (byte)'{')
            {
                return false;
            }

            for (long total = read; total < MaxOutput && read > 0; total += read)
            {
                read = deflate.Read(buffer);
            }

            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>
    /// Inflates the gzip members of <paramref name="data"/> up to the first failure, and returns how
    /// many started and finished with a valid trailer, and whether the data ended cleanly after
    /// them. Returns <c>null</c> when the output reaches <see cref="MaxOutput"/> first, because
    /// then the trial is inconclusive.
    /// </summary>
    public static Members? Inflate(byte[] data)
    {
        using var gzip = new GzipMemberStream(new MemoryStream(data, writable: false));
        var buffer = new byte[ChunkLength];
        var total = 0L;
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            total += read;
            if (total >= MaxOutput)
            {
                return null;
            }
        }

        return new Members(gzip.MembersStarted, gzip.MembersFinished, gzip.Failure is null);
    }

    /// <summary>The outcome of <see cref="Inflate"/>.</summary>
    public readonly record struct Members(int Started, int Finished, bool Clean);
}
