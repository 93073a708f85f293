namespace Vigil.Detect.Rules.Lint.Catalog;

/// <remarks>
/// Hand-written, unlike the generated operation names: event names that CloudTrail logs but no SDK
/// operation of the source has. Each was seen in CloudTrail records: real ones from the Invictus
/// attack-simulation data set (us-east-1, July 2023), or Panther's rule-test records, which are
/// realistic but hand-edited. The list can never be complete, which is why lint reports an unknown
/// name as a warning.
/// </remarks>
internal static partial class CloudTrailEventNames
{
    // NOTE: Lambda's DeleteFunction and RemovePermission, and S3's ListBucket and the bucket
    // public access block names, come from Panther's records only. No real record here confirms them.

    /// <summary>One line per event source: the source, a colon, then the event names it logs beyond its operations.</summary>
    private const string LoggedData = """
        ec2.amazonaws.com: SharedSnapshotVolumeCreated
        lambda.amazonaws.com: DeleteFunction RemovePermission
        rds.amazonaws.com: DescribeRecommendationGroups DescribeRecommendations
        s3.amazonaws.com: DeleteBucketPublicAccessBlock GetAccelerateConfiguration GetAccountPublicAccessBlock GetBucketObjectLockConfiguration GetBucketPublicAccessBlock GetStorageLensDashboardDataInternal ListBucket PutBucketPublicAccessBlock
        secretsmanager.amazonaws.com: EndSecretVersionDelete StartSecretVersionDelete
        ssm.amazonaws.com: ListInstanceAssociations UpdateInstanceAssociationStatus UpdateInstanceInformation
        """;
}
