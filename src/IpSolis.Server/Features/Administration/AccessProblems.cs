using IpSolis.Domain;

namespace IpSolis.Server.Features.Administration;

/// <summary>Rule errors as RFC 9457 problems: the status follows from what kind of rule stopped the request.</summary>
internal static class AccessProblems
{
    public static IResult From(IReadOnlyList<DomainError> errors)
    {
        var first = errors[0];
        var status = StatusFor(first);
        if (status == StatusCodes.Status400BadRequest)
        {
            var byField = errors.GroupBy(e => e.Field ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return Results.ValidationProblem(byField, title: "The request is not valid.", extensions: new Dictionary<string, object?> { ["code"] = first.Code });
        }

        return Results.Problem(statusCode: status, title: first.Message, extensions: new Dictionary<string, object?> { ["code"] = first.Code });
    }

    public static int StatusFor(DomainError error) => error.Code switch
    {
        _ when error.Code.EndsWith(".not_found", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
        "api_token.role_above_creator" or "api_token.scope_above_creator" => StatusCodes.Status403Forbidden,
        "admin_user.username_taken" or "admin_user.conflict" or "api_token.still_active" or "admin_user.no_own_password"
            or "admin_user.self_demotion" or "admin_user.self_deactivation" or "admin_user.self_deletion" or "admin_user.last_superadmin"
            => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
