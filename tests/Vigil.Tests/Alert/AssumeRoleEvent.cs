using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Tests.Alert;

/// <summary>A hand-written ECS document for a successful STS AssumeRole call, as Elastic's AWS integration maps it.</summary>
internal static class AssumeRoleEvent
{
    public const string EventId = "5d2c7c7e-8a43-4f4e-9a55-3f1e0b7c9a21";

    public static EcsDocument Create(string eventId = EventId) => new(Json(eventId));

    /// <summary>The document with a top-level <c>deep</c> member: arrays nested 200 levels around a string.</summary>
    public static JsonObject DeepJson()
    {
        var source = Json();
        JsonNode deep = "leaf";
        for (var level = 0; level < 200; level++)
        {
            deep = new JsonArray(deep);
        }

        source["deep"] = deep;
        return source;
    }

    public static JsonObject Json(string eventId = EventId) => JsonNode.Parse($$"""
        {
          "@timestamp": "2026-11-30T09:15:42Z",
          "cloud": { "provider": "aws", "region": "eu-west-1", "account": { "id": "123456789012" } },
          "event": {
            "action": "AssumeRole",
            "category": ["authentication"],
            "dataset": "aws.cloudtrail",
            "id": "{{eventId}}",
            "ingested": "2026-11-30T09:21:07.412Z",
            "kind": "event",
            "outcome": "success",
            "provider": "sts.amazonaws.com"
          },
          "source": { "ip": "203.0.113.7", "address": "203.0.113.7" },
          "user": { "name": "alice" },
          "aws": {
            "cloudtrail": {
              "user_identity": {
                "type": "AssumedRole",
                "arn": "arn:aws:sts::123456789012:assumed-role/deploy/alice",
                "session_context": { "session_issuer": { "type": "Role", "arn": "arn:aws:iam::123456789012:role/deploy" } }
              }
            }
          }
        }
        """)!.AsObject();
}
