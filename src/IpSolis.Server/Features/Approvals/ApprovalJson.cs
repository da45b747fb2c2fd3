using System.Text.Json;
using System.Text.Json.Nodes;
using IpSolis.Domain;
using IpSolis.Domain.Approvals;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// The JSON form of approval configuration, the same in the API, the admin form and the stored columns: a condition
/// is a clause <c>{"field","op","value"}</c> or a group <c>{"op":"and|or|not","clauses":[...]}</c>; approvers are
/// <c>{"email","name"}</c>. Reading reports every unreadable part with its path instead of throwing.
/// </summary>
public static class ApprovalJson
{
    private const int MaxReadDepth = ApprovalConditions.MaxDepth + 2;

    public static JsonNode WriteCondition(ApprovalCondition condition) => condition switch
    {
        ApprovalClause clause => new JsonObject
        {
            ["field"] = clause.Field,
            ["op"] = ApprovalOperators.Symbol(clause.Operator),
            ["value"] = clause.Value,
        },
        ApprovalConditionGroup group => new JsonObject
        {
            ["op"] = group.Combinator.ToString().ToLowerInvariant(),
            ["clauses"] = new JsonArray([.. group.Clauses.Select(c => (JsonNode?)WriteCondition(c))]),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    /// <summary>The condition in <paramref name="element"/>, or null with the reasons added to <paramref name="errors"/>.</summary>
    public static ApprovalCondition? ReadCondition(JsonElement element, string path, List<DomainError> errors) =>
        Read(element, path, errors, 1);

    private static ApprovalCondition? Read(JsonElement element, string path, List<DomainError> errors, int depth)
    {
        if (depth > MaxReadDepth)
        {
            errors.Add(new DomainError("approval_rule.too_deep", $"Conditions may be nested at most {ApprovalConditions.MaxDepth} levels deep.", path));
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DomainError("approval_rule.unknown_condition", "A condition is an object: {\"field\",\"op\",\"value\"} or {\"op\":\"and|or|not\",\"clauses\":[...]}.", path));
            return null;
        }

        var op = element.TryGetProperty("op", out var opElement) && opElement.ValueKind == JsonValueKind.String ? opElement.GetString() : null;
        if (element.TryGetProperty("clauses", out var clauses))
        {
            ApprovalCombinator combinator;
            switch (op?.Trim().ToLowerInvariant())
            {
                case "and": combinator = ApprovalCombinator.And; break;
                case "or": combinator = ApprovalCombinator.Or; break;
                case "not": combinator = ApprovalCombinator.Not; break;
                default:
                    errors.Add(new DomainError("approval_rule.combinator", "A group's op is and, or or not.", path + ".op"));
                    return null;
            }

            if (clauses.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new DomainError("approval_rule.clauses", "A group's clauses are a list.", path + ".clauses"));
                return null;
            }

            var children = new List<ApprovalCondition>();
            var index = 0;
            foreach (var child in clauses.EnumerateArray())
            {
                if (Read(child, $"{path}.clauses[{index}]", errors, depth + 1) is { } read)
                    children.Add(read);
                index++;
            }

            return new ApprovalConditionGroup(combinator, children);
        }

        var field = element.TryGetProperty("field", out var fieldElement) && fieldElement.ValueKind == JsonValueKind.String ? fieldElement.GetString() : null;
        if (field is null)
        {
            errors.Add(new DomainError("approval_rule.field_required", "Choose the field the clause compares.", path + ".field"));
            return null;
        }

        if (!ApprovalOperators.TryParse(op, out var parsed))
        {
            errors.Add(new DomainError("approval_rule.operator", $"The operator is one of: {string.Join(" ", ApprovalOperators.All)}.", path + ".op"));
            return null;
        }

        string? value = null;
        if (element.TryGetProperty("value", out var valueElement))
        {
            value = valueElement.ValueKind switch
            {
                JsonValueKind.String => valueElement.GetString(),
                JsonValueKind.Number => valueElement.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
        }

        return new ApprovalClause(field, parsed, value ?? "");
    }

    public static string WriteApprovers(IReadOnlyList<Approver> approvers) =>
        JsonSerializer.Serialize(approvers.Select(a => new ApproverDocument(a.Email, a.Name)).ToList(), Options);

    public static IReadOnlyList<Approver> ReadApprovers(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        return (JsonSerializer.Deserialize<List<ApproverDocument>>(json, Options) ?? [])
            .Select(a => new Approver(a.Email ?? "", a.Name ?? a.Email ?? "")).ToList();
    }

    public static string WriteRules(IReadOnlyList<ApprovalRule> rules)
    {
        var array = new JsonArray();
        foreach (var rule in rules)
        {
            var node = new JsonObject
            {
                ["name"] = rule.Name,
                ["condition"] = WriteCondition(rule.Condition),
                ["approvers"] = new JsonArray([.. rule.Approvers.Select(a => (JsonNode?)new JsonObject { ["email"] = a.Email, ["name"] = a.Name })]),
                ["quorum"] = rule.Quorum,
                ["sodExempt"] = rule.SodExempt,
            };
            array.Add(node);
        }

        return array.ToJsonString();
    }

    /// <summary>Rules as stored (they were validated when saved); an unreadable part is left out, never guessed.</summary>
    public static IReadOnlyList<ApprovalRule> ReadRules(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        using var document = JsonDocument.Parse(json);
        var rules = new List<ApprovalRule>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var errors = new List<DomainError>();
            var rule = ReadRule(element, "rule", errors);
            if (rule is not null && errors.Count == 0)
                rules.Add(rule);
        }

        return rules;
    }

    /// <summary>One rule as the API and the form send it.</summary>
    public static ApprovalRule? ReadRule(JsonElement element, string path, List<DomainError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DomainError("approval_rule.missing", "A rule is an object with name, condition and approvers.", path));
            return null;
        }

        var name = element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() ?? "" : "";
        ApprovalCondition? condition = null;
        if (element.TryGetProperty("condition", out var c) && c.ValueKind != JsonValueKind.Null)
            condition = ReadCondition(c, path + ".condition", errors);
        else
            errors.Add(new DomainError("approval_rule.condition_required", "Say when the rule applies.", path + ".condition"));

        var approvers = new List<Approver>();
        if (element.TryGetProperty("approvers", out var a) && a.ValueKind == JsonValueKind.Array)
        {
            foreach (var approver in a.EnumerateArray())
            {
                var email = approver.ValueKind == JsonValueKind.String ? approver.GetString()
                    : approver.ValueKind == JsonValueKind.Object && approver.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                var display = approver.ValueKind == JsonValueKind.Object && approver.TryGetProperty("name", out var dn) && dn.ValueKind == JsonValueKind.String ? dn.GetString() : null;
                approvers.Add(new Approver(email?.Trim() ?? "", string.IsNullOrWhiteSpace(display) ? email?.Trim() ?? "" : display.Trim()));
            }
        }

        int? quorum = null;
        if (element.TryGetProperty("quorum", out var q) && q.ValueKind != JsonValueKind.Null)
        {
            if (q.ValueKind == JsonValueKind.Number && q.TryGetInt32(out var value))
                quorum = value;
            else
                errors.Add(new DomainError("approval_rule.quorum", "The rule's number of approvals is a whole number.", path + ".quorum"));
        }

        var sodExempt = element.TryGetProperty("sodExempt", out var s) && s.ValueKind == JsonValueKind.True;
        return condition is null ? null : new ApprovalRule(name, condition, approvers, quorum, sodExempt);
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private sealed record ApproverDocument(string? Email, string? Name);
}
