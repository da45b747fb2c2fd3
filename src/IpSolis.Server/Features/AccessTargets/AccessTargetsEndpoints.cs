using IpSolis.Domain;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Http;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.AccessTargets;

/// <summary>
/// <c>GET /api/v1/orders/{id}/access</c> (the ledger rows of one order) and <c>GET /api/v1/access</c> (by person
/// or group, with what is held now). Read by helpdesk and up with <c>orders:read</c>, limited to the reader's types.
/// </summary>
internal static class AccessTargetsEndpoints
{
    public static RouteGroupBuilder MapAccessTargetsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/orders/{id:long}/access", ForOrderAsync).WithTags("Orders")
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("orders:read")
            .Produces<IReadOnlyList<AccessLedgerView>>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The access ledger of an order: every group grant and revoke it holds or its run wrote, oldest first.");
        api.MapGet("/access", SearchAsync).WithTags("Orders")
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("orders:read")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Group access by person (principal) and/or group (groupDn): what is held now through which order, and the ledger rows, newest first.");
        return api;
    }

    private static async Task<IResult> ForOrderAsync(
        long id, HttpContext context, AssetTypeScopes scopes, IDbContextFactory<IpSolisDbContext> contexts, AccessLedgerQueries ledger)
    {
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        await using (var db = await contexts.CreateDbContextAsync(context.RequestAborted))
        {
            var typeId = await db.Set<Order>().AsNoTracking().Where(o => o.Id == id).Select(o => (long?)o.AssetTypeId).FirstOrDefaultAsync(context.RequestAborted);
            if (typeId is null || !scope.Allows(typeId.Value))
                return RuleProblems.From([new DomainError("order.not_found", $"Order {id} does not exist.", "id")]);
        }

        var rows = await ledger.ForOrderAsync(id, context.RequestAborted);
        return Results.Json(rows.Select(AccessLedgerView.From).ToList());
    }

    private static async Task<IResult> SearchAsync(HttpContext context, AssetTypeScopes scopes, AccessLedgerQueries ledger, string? principal, string? groupDn)
    {
        if (string.IsNullOrWhiteSpace(principal) && string.IsNullOrWhiteSpace(groupDn))
            return RuleProblems.From([new DomainError("access.filter_required", "Name a person (principal) or a group (groupDn).", "principal")]);
        if (principal?.Length > 320 || groupDn?.Length > 1000)
            return RuleProblems.From([new DomainError("access.filter_too_long", "A person has at most 320 characters, a group at most 1000.", "principal")]);
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        var (rows, held) = await ledger.SearchAsync(scope, principal, groupDn, context.RequestAborted);
        return Results.Json(new
        {
            held = held.Select(h => new { groupDn = h.Grant.Group, principal = h.Grant.Principal, orderId = h.OrderId }),
            rows = rows.Select(AccessLedgerView.From),
        });
    }
}
