using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>Sets the target user and group fields, <c>user.email</c>, and the <c>related.*</c> lists.</summary>
internal static class RelatedMapping
{
    private static readonly string[] InstanceIdKeys = ["instanceId", "target", "resourceId"];

    /// <summary>Appends request user names to <c>related.user</c>, before the categorization as in Elastic.</summary>
    public static void MapRequestUsers(MappingContext context)
    {
        foreach (var path in (string[])["requestParameters.userName", "requestParameters.newUserName", "responseElements.user.userId"])
        {
            if (JsonPaths.Get(context.Json, path) is { } value)
            {
                context.AppendUnique("related.user", JsonPaths.Render(value));
            }
        }
    }

    public static void MapTargets(MappingContext context)
    {
        context.Copy("responseElements.group.groupId", "group.id");
        context.Copy("responseElements.user.userId", "user.target.id");
        context.Copy("requestParameters.newUserName", "user.changes.name");
        context.Copy("requestParameters.groupName", "group.name");
        context.Copy("requestParameters.userName", "user.target.name");
    }

    public static void MapRelated(MappingContext context)
    {
        if (!context.Has("user.email") && context.GetString("user.name") is { } name && name.IndexOf('@', StringComparison.Ordinal) > 0)
        {
            context.Set("user.email", name);
        }

        foreach (var path in (string[])["user.id", "user.name", "user.changes.name", "aws.cloudtrail.user_identity.on_behalf_of.user_id"])
        {
            if (context.Get(path) is { } value)
            {
                context.AppendUnique("related.user", JsonPaths.Render(value));
            }
        }

        MapRelatedIp(context);
        MapRelatedHosts(context);
    }

    private static void MapRelatedIp(MappingContext context)
    {
        context.AppendUnique("related.ip", context.GetString("source.ip"));
        if (JsonPaths.GetString(context.Json, "serviceEventDetails.sourceIpAddress") is { } ip && IpText.IsIp(ip))
        {
            context.AppendUnique("related.ip", ip);
        }
    }

    private static void MapRelatedHosts(MappingContext context)
    {
        if (context.GetString("tls.client.server_name") is { } server && !server.EndsWith(".amazonaws.com", StringComparison.Ordinal))
        {
            context.AppendUnique("related.hosts", server);
        }

        if (!context.Has("source.ip") && context.GetString("source.address") is { } address
            && address.Contains('.', StringComparison.Ordinal) && !address.Contains(' ', StringComparison.Ordinal)
            && !address.EndsWith(".amazonaws.com", StringComparison.Ordinal))
        {
            context.AppendUnique("related.hosts", address);
        }

        if (JsonPaths.Get(context.Json, "requestParameters.computerName") is { } computer)
        {
            context.AppendUnique("related.hosts", JsonPaths.Render(computer));
        }

        context.AppendAllUnique("related.hosts", InstanceIds(context));
    }

    /// <summary>Returns EC2 instance IDs from resource ARNs and the request and response, in Elastic's order.</summary>
    private static OrderedSet InstanceIds(MappingContext context)
    {
        var found = new OrderedSet();
        if (context.Get("aws.cloudtrail.resources") is JsonArray resources)
        {
            foreach (var arn in resources.OfType<JsonObject>().Select(r => r["arn"]).OfType<JsonValue>())
            {
                var text = JavaText.Scalar(arn);
                if (arn.GetValueKind() == System.Text.Json.JsonValueKind.String && text.Contains(":instance/", StringComparison.Ordinal))
                {
                    AddInstance(found, text[(text.LastIndexOf('/') + 1)..]);
                }
            }
        }

        AddContainer(found, context.Json["requestParameters"]);
        AddContainer(found, context.Json["responseElements"]);
        return found;
    }

    private static void AddContainer(OrderedSet found, JsonNode? container)
    {
        if (container is not JsonObject obj)
        {
            return;
        }

        foreach (var key in InstanceIdKeys)
        {
            AddInstance(found, obj[key]);
        }

        if (obj["instanceIds"] is JsonArray ids)
        {
            foreach (var id in ids)
            {
                AddInstance(found, id);
            }
        }

        if (obj["instancesSet"] is JsonObject set && set["items"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                AddInstance(found, item["instanceId"]);
            }
        }
    }

    private static void AddInstance(OrderedSet found, JsonNode? value)
    {
        if (value is JsonValue text && text.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            AddInstance(found, text.GetValue<string>());
        }
    }

    private static void AddInstance(OrderedSet found, string id)
    {
        if (id.Length >= 10 && id.StartsWith("i-", StringComparison.Ordinal))
        {
            found.Add(id);
        }
    }
}

/// <summary>Distinct strings in insertion order, with constant-time membership tests.</summary>
internal sealed class OrderedSet : IReadOnlyCollection<string>
{
    private HashSet<string>? _seen;
    private List<string>? _items;

    public int Count => _items?.Count ?? 0;

    public void Add(string item)
    {
        if ((_seen ??= new(StringComparer.Ordinal)).Add(item))
        {
            (_items ??= []).Add(item);
        }
    }

    public IEnumerator<string> GetEnumerator() => (_items ?? []).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
