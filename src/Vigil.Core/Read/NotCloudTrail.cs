namespace Vigil.Read;

/// <summary>The skip of data that is not JSON at all, such as a web access log in a bucket dump.</summary>
public static class NotCloudTrail
{
    /// <summary>
    /// The <see cref="ReadItem.Reason"/> of such a skip. It is the same for every file, so a summary
    /// counts them on one row, and the item's location shows what the data starts with.
    /// </summary>
    public const string Reason = "not CloudTrail JSON: the data does not start with '{' or '['";
}
