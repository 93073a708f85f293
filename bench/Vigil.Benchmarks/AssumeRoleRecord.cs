using System.Text.Json.Nodes;

namespace Vigil.Benchmarks;

/// <summary>A successful STS AssumeRole call by an IAM role session, as CloudTrail records it (our own sample).</summary>
internal static class AssumeRoleRecord
{
    public const string Json = """
        {
          "eventVersion": "1.08",
          "userIdentity": {
            "type": "AssumedRole",
            "principalId": "AROAEXAMPLEROLEID:build-runner",
            "arn": "arn:aws:sts::111122223333:assumed-role/ci-deployer/build-runner",
            "accountId": "111122223333",
            "accessKeyId": "ASIAEXAMPLEKEY0001",
            "sessionContext": {
              "sessionIssuer": {
                "type": "Role",
                "principalId": "AROAEXAMPLEROLEID",
                "arn": "arn:aws:iam::111122223333:role/ci-deployer",
                "accountId": "111122223333",
                "userName": "ci-deployer"
              },
              "attributes": { "creationDate": "2026-03-02T09:14:51Z", "mfaAuthenticated": "false" }
            }
          },
          "eventTime": "2026-03-02T09:15:03Z",
          "eventSource": "sts.amazonaws.com",
          "eventName": "AssumeRole",
          "awsRegion": "eu-west-1",
          "sourceIPAddress": "203.0.113.24",
          "userAgent": "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12 command/sts.assume-role",
          "requestParameters": {
            "roleArn": "arn:aws:iam::444455556666:role/prod-admin",
            "roleSessionName": "deploy-2026-03-02",
            "durationSeconds": 3600
          },
          "responseElements": {
            "credentials": {
              "accessKeyId": "ASIAEXAMPLEKEY0002",
              "sessionToken": "IQoJb3JpZ2luX2VjEXAMPLETOKEN",
              "expiration": "Mar 2, 2026, 10:15:03 AM"
            },
            "assumedRoleUser": {
              "assumedRoleId": "AROAEXAMPLEPROD:deploy-2026-03-02",
              "arn": "arn:aws:sts::444455556666:assumed-role/prod-admin/deploy-2026-03-02"
            }
          },
          "requestID": "4f7c1e2a-9b3d-4c5e-8f61-0a2b3c4d5e6f",
          "eventID": "8e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b",
          "readOnly": true,
          "resources": [
            { "accountId": "444455556666", "type": "AWS::IAM::Role", "ARN": "arn:aws:iam::444455556666:role/prod-admin" }
          ],
          "eventType": "AwsApiCall",
          "managementEvent": true,
          "recipientAccountId": "111122223333",
          "eventCategory": "Management",
          "tlsDetails": { "tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader": "sts.amazonaws.com" }
        }
        """;

    public static JsonObject Parse() => JsonNode.Parse(Json)!.AsObject();
}
