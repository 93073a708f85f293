using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Tests.Map;

/// <summary>
/// CloudTrail-shaped records with the value at any path swapped for a string, number, boolean,
/// object, array or null: reading and mapping never throw, and each record is exactly one event or
/// one counted error.
/// </summary>
public class TypeSwapPropertyTests
{
    private const string Template = """
        {
          "eventVersion": "1.10",
          "userIdentity": {
            "type": "AssumedRole", "principalId": "AROAEXAMPLE:alice", "arn": "arn:aws:sts::111122223333:assumed-role/Admin/alice",
            "accountId": "111122223333", "accessKeyId": "ASIAEXAMPLE", "userName": "alice", "invokedBy": "ec2.amazonaws.com",
            "onBehalfOf": {"userId": "u-1", "identityStoreArn": "arn:aws:identitystore::111122223333:identitystore/d-1"},
            "sessionContext": {
              "sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLE", "arn": "arn:aws:iam::111122223333:role/Admin", "accountId": "111122223333", "userName": "Admin"},
              "webIdFederationData": {"federatedProvider": "accounts.google.com", "attributes": {"aud": "x"}},
              "attributes": {"creationDate": "2024-01-01T00:00:00Z", "mfaAuthenticated": "true"},
              "sourceIdentity": "alice", "ec2RoleDelivery": "2.0"
            }
          },
          "eventTime": "2024-01-01T00:00:00Z",
          "eventSource": "signin.amazonaws.com",
          "eventName": "ConsoleLogin",
          "awsRegion": "us-east-1",
          "sourceIPAddress": "203.0.113.7",
          "userAgent": "aws-cli/2.0",
          "errorCode": "AccessDenied",
          "errorMessage": "denied",
          "requestParameters": {"roleArn": "arn:aws:iam::111122223333:role/Admin", "policy": {"Statement": [{"Effect": "Allow"}]}, "n": 3600, "list": [1, "a", null]},
          "responseElements": {"ConsoleLogin": "Failure", "credentials": {"accessKeyId": "ASIA2"}, "assumedRoleUser": {"arn": "arn:aws:sts::111122223333:assumed-role/Admin/bob"}},
          "additionalEventData": {"MFAUsed": "No", "LoginTo": "https://console.aws.amazon.com"},
          "serviceEventDetails": {"UserAuthentication": "Failure"},
          "requestID": "r-1", "eventID": "e-1", "readOnly": false,
          "resources": [{"ARN": "arn:aws:iam::111122223333:role/Admin", "accountId": "111122223333", "type": "AWS::IAM::Role"}],
          "eventType": "AwsConsoleSignIn", "managementEvent": true, "recipientAccountId": "111122223333",
          "sharedEventID": "s-1", "vpcEndpointId": "vpce-1", "eventCategory": "Management",
          "tlsDetails": {"tlsVersion": "TLSv1.2", "cipherSuite": "ECDHE-RSA-AES128-GCM-SHA256", "clientProvidedHostHeader": "signin.aws.amazon.com"},
          "insightDetails": {"state": "Start", "insightContext": {"statistics": {"baseline": {"average": 1.5}}}},
          "addendum": {"reason": "DELIVERY_DELAY", "updatedFields": "x", "originalRequestID": "r-0", "originalEventID": "e-0"},
          "sessionCredentialFromConsole": "true", "edgeDeviceDetails": {"type": "x"}
        }
        """;

    private static readonly string[] Strings =
    [
        "", "-", "none", "null", "ConsoleLogin", "Success", "FAILURE", "Root", "IAMUser", "AssumedRole", "AWSService",
        "2024-02-30T00:00:00Z", "20131102T010628Z", "2024-01-01 00:00:00", "not a date", "::1", "10.0.0.1, 10.0.0.2",
        "arn:aws:iam::1:user/x", "arn:aws:sts::1:assumed-role/a/b", "{key=value}", "\u0000\u2028", new string('x', 40000), "1e400",
    ];

    private static readonly List<string[]> Paths = CollectPaths(JsonNode.Parse(Template)!, []);

    private static readonly Gen<(int Path, int Kind, int Value)> Swap = Gen.Select(Gen.Int[0, Paths.Count - 1], Gen.Int[0, 6], Gen.Int[0, Strings.Length - 1]);

    [Fact]
    public void SwappedTypesNeverThrow()
    {
        Swap.Array[1, 12].Sample(swaps =>
        {
            var json = Apply(swaps).ToJsonString();

            var items = new CloudTrailReader().ReadFile(new MemoryStream(Encoding.UTF8.GetBytes(json)), "swap.json").ToList();

            Assert.Single(items);
            if (items[0].Outcome == ReadOutcome.Record)
            {
                var result = CloudTrailMapper.Map(items[0].Record!, new MapOptions { KeepOriginal = true });
                Assert.NotNull(result.Document.Root["event"]);
                Assert.Equal(result.Error is not null, result.Document.Root["event"]?["kind"]?.GetValue<string>() == "pipeline_error");
            }
            else
            {
                Assert.NotNull(items[0].Reason);
            }
        }, iter: 1500);
    }

    [Fact]
    public void EveryPathIsSwappable()
    {
        Assert.True(Paths.Count > 80, $"only {Paths.Count} paths in the template");
    }

    private static JsonObject Apply((int Path, int Kind, int Value)[] swaps)
    {
        var record = JsonNode.Parse(Template)!.AsObject();
        foreach (var (path, kind, value) in swaps)
        {
            Replace(record, Paths[path], Value(kind, value));
        }

        return record;
    }

    private static JsonNode? Value(int kind, int value) => kind switch
    {
        0 => Strings[value],
        1 => value * 1.5 - 7,
        2 => value % 2 == 0,
        3 => new JsonObject { ["k" + value] = Strings[value], ["nested"] = new JsonObject { ["ARN"] = value } },
        4 => new JsonArray(Strings[value], value, null, new JsonObject { ["ARN"] = Strings[value] }),
        5 => new JsonArray(),
        _ => null,
    };

    private static void Replace(JsonNode root, string[] path, JsonNode? value)
    {
        var parent = root;
        foreach (var step in path[..^1])
        {
            parent = Child(parent, step);
            if (parent is null)
            {
                return;
            }
        }

        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(path[^1]):
                obj[path[^1]] = value;
                break;
            case JsonArray array when int.TryParse(path[^1], out var index) && index < array.Count:
                array[index] = value;
                break;
        }
    }

    private static JsonNode? Child(JsonNode? node, string step) => node switch
    {
        JsonObject obj => obj[step],
        JsonArray array when int.TryParse(step, out var index) && index < array.Count => array[index],
        _ => null,
    };

    private static List<string[]> CollectPaths(JsonNode node, string[] prefix)
    {
        var paths = new List<string[]>();
        var children = node switch
        {
            JsonObject obj => obj.Select(p => (p.Key, p.Value)).ToList(),
            JsonArray array => array.Select((v, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), v)).ToList(),
            _ => [],
        };
        foreach (var (key, child) in children)
        {
            string[] path = [.. prefix, key];
            paths.Add(path);
            if (child is not null)
            {
                paths.AddRange(CollectPaths(child, path));
            }
        }

        return paths;
    }
}
