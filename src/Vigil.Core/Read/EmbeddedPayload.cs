using System.IO.Compression;

namespace Vigil.Read;

/// <summary>Decodes a base64 string of gzip data held inside JSON, such as a Lambda function's <c>awslogs.data</c>.</summary>
internal static class EmbeddedPayload
{
    // A CloudWatch Logs batch contains at most 1 MiB of log events, so a larger payload is not one.
    private const int MaxDecompressedBytes = 64 * 1024 * 1024;

    public static bool TryDecode(string base64, out byte[] json, out string? error)
    {
        json = [];
        error = null;
        byte[] compressed;
        try
        {
            compressed = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            error = "invalid awslogs.data: the value is not base64 text, so it is not a CloudWatch Logs payload";
            return false;
        }

        return TryGunzip(compressed, out json, out error);
    }

    private static bool TryGunzip(byte[] compressed, out byte[] json, out string? error)
    {
        json = [];
        error = null;
        try
        {
            using var gzip = new GzipMemberStream(new MemoryStream(compressed));
            using var output = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxDecompressedBytes)
                {
                    error = $"invalid awslogs.data: the payload decompresses to more than {MaxDecompressedBytes} bytes, far more than a CloudWatch Logs batch";
                    return false;
                }

                output.Write(buffer, 0, read);
            }

            if (gzip.Failure is { } failure)
            {
                error = $"invalid awslogs.data: the decoded payload is not complete gzip data ({failure})";
                return false;
            }

            json = output.ToArray();
            return true;
        }
        catch (IOException exception)
        {
            error = $"invalid awslogs.data: the decoded payload could not be decompressed ({exception.Message})";
            return false;
        }
    }
}
