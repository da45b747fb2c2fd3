using IpSolis.Domain;
using IpSolis.Server.Platform.Http;

namespace IpSolis.Server.Features.Orders.Portal;

/// <summary>
/// The status a portal form answers with when it is refused and shown again: 422 for input to correct (the API's
/// 400), 503 when the directory could not answer, otherwise what the API would answer (403, 404, 409).
/// </summary>
public static class PortalProblems
{
    public static int StatusFor(IReadOnlyList<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
            return StatusCodes.Status200OK;
        if (errors.Any(e => e.Code == OrderErrors.DirectoryUnavailableCode))
            return StatusCodes.Status503ServiceUnavailable;
        var status = RuleProblems.StatusFor(errors[0]);
        return status == StatusCodes.Status400BadRequest ? StatusCodes.Status422UnprocessableEntity : status;
    }
}
