namespace Vigil.Generator;

/// <summary>Chooses the traffic profile: a folder of real records, the reference data beside the repository, or the built-in one.</summary>
internal static class ProfileLocator
{
    public const string BuiltIn = "built-in";

    /// <summary>Returns the profile named by <paramref name="request"/>, or null with an error when that folder contains no records.</summary>
    public static TrafficProfile? Load(string? request, out string? error)
    {
        error = null;
        if (request == BuiltIn)
        {
            return BuiltInProfile.Create();
        }

        if (request is not null)
        {
            var profile = SharedProfile.TryLoad(request);
            error = profile is null ? $"No CloudTrail records found under --profile '{request}'; give a folder of CloudTrail JSON or NDJSON files, or 'built-in'." : null;
            return profile;
        }

        return DefaultFolder() is { } folder && SharedProfile.TryLoad(folder) is { } shared ? shared : BuiltInProfile.Create();
    }

    /// <summary>The reference records at <c>../shared/data/cloudtrail</c> from the folder holding Vigil.slnx, if any.</summary>
    public static string? DefaultFolder()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
                {
                    var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "cloudtrail"));
                    return Directory.Exists(folder) ? folder : null;
                }
            }
        }

        return null;
    }
}
