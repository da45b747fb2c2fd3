namespace IpSolis.Domain.Access;

/// <summary>
/// What an API token may be used for. <see cref="All"/> covers every scope; every other scope names one area and
/// whether it reads or writes. Unknown scopes are refused when a token is created, never silently dropped.
/// </summary>
public static class ApiTokenScopes
{
    public const string All = "admin:*";

    public static IReadOnlyList<string> Catalog { get; } =
    [
        All, "orders:read", "orders:write", "asset_types:read", "asset_types:write", "assets:read", "assets:write",
        "approvals:read", "approvals:write", "audit:read", "config:read", "config:write", "metrics:read",
        "webhook:in", "scim:read", "scim:write", "hr:leaver",
    ];

    /// <summary>The distinct requested scopes in catalog order (all of them when none is requested), or the first unknown one.</summary>
    public static Result<IReadOnlyList<string>> Normalize(IEnumerable<string>? requested)
    {
        var wanted = (requested ?? []).Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
            return Result<IReadOnlyList<string>>.Success([All]);
        var unknown = wanted.FirstOrDefault(s => !Catalog.Contains(s, StringComparer.Ordinal));
        if (unknown is not null)
            return new DomainError("api_token.unknown_scope", $"'{unknown}' is not a scope. Known scopes: {string.Join(", ", Catalog)}.", "scopes");
        return Result<IReadOnlyList<string>>.Success(Catalog.Where(wanted.Contains).ToList());
    }

    /// <summary>Whether a token holding <paramref name="held"/> may use something that needs <paramref name="needed"/>.</summary>
    public static bool Allows(IEnumerable<string> held, string needed) =>
        held.Any(s => s == All || string.Equals(s, needed, StringComparison.Ordinal));
}
