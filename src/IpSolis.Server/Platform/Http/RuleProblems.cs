using IpSolis.Domain;

namespace IpSolis.Server.Platform.Http;

/// <summary>
/// Rule errors (<see cref="DomainError"/>) as RFC 9457 problems. The status follows from the last segment of the
/// error code, so every feature names its codes the same way: <c>*.not_found</c> → 404, <c>*.forbidden</c> → 403,
/// a conflict with the current state (<c>*.conflict</c>, <c>*.name_taken</c>, <c>*.in_use</c>,
/// <c>*.none_available</c>, <c>*.quota_reached</c>, <c>*.capacity_reached</c>, <c>*.transition_not_allowed</c>,
/// <c>*.stale</c>) → 409, anything else is invalid input → 400 with the errors by field.
/// </summary>
public static class RuleProblems
{
    private static readonly string[] ConflictEndings =
        ["conflict", "name_taken", "in_use", "change_in_progress", "none_available", "quota_reached", "capacity_reached", "transition_not_allowed", "stale"];

    public static IResult From(IReadOnlyList<DomainError> errors)
    {
        var first = errors[0];
        var status = StatusFor(first);
        if (status == StatusCodes.Status400BadRequest)
        {
            var byField = errors.GroupBy(e => e.Field ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return Results.ValidationProblem(byField, title: "The request is not valid.", detail: first.Message,
                extensions: new Dictionary<string, object?> { ["code"] = first.Code });
        }

        return Results.Problem(statusCode: status, title: first.Message,
            extensions: new Dictionary<string, object?> { ["code"] = first.Code, ["field"] = first.Field });
    }

    public static int StatusFor(DomainError error)
    {
        var ending = error.Code[(error.Code.LastIndexOf('.') + 1)..];
        if (ending == "not_found")
            return StatusCodes.Status404NotFound;
        if (ending == "forbidden")
            return StatusCodes.Status403Forbidden;
        return ConflictEndings.Contains(ending, StringComparer.Ordinal) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
    }
}
