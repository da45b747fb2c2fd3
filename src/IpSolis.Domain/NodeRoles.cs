namespace IpSolis.Domain;

/// <summary>Parses and prints the <c>--roles</c> list of a node (<c>web,worker,scheduler</c>).</summary>
public static class NodeRoles
{
    private static readonly (string Name, NodeRole Role)[] Names =
        [("web", NodeRole.Web), ("worker", NodeRole.Worker), ("scheduler", NodeRole.Scheduler)];

    public static Result<NodeRole> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return new DomainError("roles.empty", "Name at least one role: web, worker or scheduler.", "--roles");

        var roles = NodeRole.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Array.Find(Names, n => string.Equals(n.Name, part, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
                return new DomainError("roles.unknown", $"Unknown role '{part}'. Roles are web, worker and scheduler.", "--roles");
            roles |= match.Role;
        }

        return roles == NodeRole.None
            ? new DomainError("roles.empty", "Name at least one role: web, worker or scheduler.", "--roles")
            : Result<NodeRole>.Success(roles);
    }

    public static string Format(NodeRole roles) =>
        string.Join(',', Names.Where(n => roles.HasFlag(n.Role)).Select(n => n.Name));
}
