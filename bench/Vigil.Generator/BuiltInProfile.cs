namespace Vigil.Generator;

/// <summary>
/// A small traffic mix of our own for when no reference CloudTrail data is at hand: mostly read-only
/// calls by role sessions, some IAM users and AWS services, about one failed call in twelve.
/// </summary>
internal static class BuiltInProfile
{
    public static TrafficProfile Create() => new(
        Calls: new WeightedChoice<ApiCall>(
        [
            (Call("ec2", "DescribeInstances", "filterSet", "maxResults"), 14),
            (Call("ec2", "DescribeSecurityGroups", "groupIdSet"), 6),
            (Call("ec2", "RunInstances", "instancesSet", "instanceType", "subnetId"), 1),
            (Call("s3", "GetObject", "bucketName", "key", "Host"), 12),
            (Call("s3", "PutObject", "bucketName", "key", "Host"), 6),
            (Call("s3", "ListBuckets", "Host"), 4),
            (Call("s3", "GetBucketAcl", "bucketName", "acl", "Host"), 3),
            (Call("sts", "GetCallerIdentity"), 8),
            (Call("sts", "AssumeRole", "roleArn", "roleSessionName", "durationSeconds"), 5),
            (Call("sts", "GetSessionToken", "durationSeconds"), 1),
            (Call("iam", "ListRoles", "maxItems"), 3),
            (Call("iam", "GetUser", "userName"), 2),
            (Call("iam", "CreateAccessKey", "userName"), 1),
            (Call("iam", "AttachRolePolicy", "roleName", "policyArn"), 1),
            (Call("kms", "Decrypt", "encryptionAlgorithm", "encryptionContext"), 10),
            (Call("kms", "GenerateDataKey", "keyId", "keySpec"), 4),
            (Call("logs", "CreateLogStream", "logGroupName", "logStreamName"), 5),
            (Call("lambda", "ListFunctions20150331", "maxItems"), 2),
            (Call("cloudtrail", "LookupEvents", "lookupAttributes", "maxResults"), 1),
            (Call("signin", "ConsoleLogin"), 1),
            (Call("ssm", "GetParameter", "name", "withDecryption"), 4),
            (Call("secretsmanager", "GetSecretValue", "secretId"), 2),
            (Call("dynamodb", "DescribeTable", "tableName"), 3),
        ]),
        IdentityTypes: new WeightedChoice<string>(
            [("AssumedRole", 70), ("IAMUser", 14), ("AWSService", 10), ("AWSAccount", 3), ("Root", 1), ("FederatedUser", 2)]),
        ErrorShare: 0.08,
        ErrorCodes: new WeightedChoice<string>(
        [
            ("AccessDenied", 40), ("Client.UnauthorizedOperation", 15), ("ThrottlingException", 10),
            ("NoSuchBucket", 8), ("ResourceNotFoundException", 12), ("ValidationException", 10), ("InvalidParameterValue", 5),
        ]),
        ErrorCodesBySource: new Dictionary<string, WeightedChoice<string>>
        {
            ["ec2.amazonaws.com"] = new([("Client.UnauthorizedOperation", 70), ("Client.InvalidParameterValue", 20), ("Client.RequestLimitExceeded", 10)]),
            ["s3.amazonaws.com"] = new([("AccessDenied", 60), ("NoSuchBucket", 25), ("NoSuchKey", 15)]),
        },
        RequestSizes: new WeightedChoice<int>([(0, 25), (30, 20), (80, 25), (200, 15), (600, 10), (2000, 4), (8000, 1)]),
        ResponseSizes: new WeightedChoice<int>([(0, 70), (60, 10), (300, 10), (1500, 7), (6000, 3)]),
        UserAgents: new WeightedChoice<string>(
        [
            ("aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.1 os/linux#6.1.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard", 20),
            ("Boto3/1.35.80 md/Botocore#1.35.80 ua/2.0 os/linux#5.10.228 md/arch#x86_64 lang/python#3.12.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.80", 25),
            ("aws-sdk-go-v2/1.32.6 ua/2.1 os/linux lang/go#1.23.4 md/GOOS#linux md/GOARCH#amd64 api/sts#1.33.2", 15),
            ("aws-sdk-java/2.29.29 Linux/5.10.228 OpenJDK_64-Bit_Server_VM/21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy", 10),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", 6),
            ("console.amazonaws.com", 8),
            ("AWS Internal", 10),
            ("terraform-provider-aws/5.81.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.6 os/linux lang/go#1.23.3", 6),
        ]),
        Regions: new WeightedChoice<string>(
            [("us-east-1", 55), ("eu-west-1", 18), ("us-west-2", 12), ("eu-central-1", 8), ("ap-southeast-2", 7)]),
        Source: "built-in");

    private static ApiCall Call(string service, string name, params string[] parameters) =>
        new($"{service}.amazonaws.com", name, parameters);
}
