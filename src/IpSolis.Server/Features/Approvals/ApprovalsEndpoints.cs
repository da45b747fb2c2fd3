using IpSolis.Server.Features.Maintenance;
using IpSolis.Domain;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Http;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// <c>/api/v1</c> approvals: an order's approval rows (helpdesk and up, within the caller's asset-type scope) and a
/// superadmin's forced decision on one row. Approvers themselves decide in the portal or through their signed link.
/// </summary>
public static class ApprovalsEndpoints
{
    public static RouteGroupBuilder MapApprovalsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/orders/{id:long}/approvals", ListAsync).WithTags("Approvals")
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("orders:read")
            .Produces<IReadOnlyList<ApprovalView>>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The approval rows of one order: who was asked, why, and what they decided.");

        api.MapPost("/approvals/{id:long}/force-decision", ForceAsync).WithTags("Approvals").RefusedDuringMaintenance()
            .RequireAuthorization(AdminPolicies.Superadmin).RequireTokenScope("orders:write")
            .Accepts<ApprovalDecisionBody>("application/json")
            .Produces<ApprovalView>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A superadmin decides a pending approval for its approver; audited as forced.");
        api.MapPost("/asset-types/{id:long}/approval-preview", PreviewAsync).WithTags("Approvals")
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("asset_types:read")
            .Accepts<ApprovalPreviewBody>("application/json")
            .Produces<ApprovalPreviewResult>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Who would approve a sample order of this type, in which bucket and why; changes nothing.");
        var delegations = api.MapGroup("/approval-delegations").WithTags("Approvals");
        delegations.MapGet("", async (string? approver, DelegationWindows windows, HttpContext context) =>
                Results.Json((await windows.ListAsync(approver, context.RequestAborted)).Select(DelegationView).ToList()))
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("orders:read")
            .WithSummary("Out-of-office delegations, newest first; approver filters by the approver or delegate.");
        delegations.MapPost("", async (DelegationBody body, DelegationWindows windows, IActorAccessor actors, HttpContext context) =>
            {
                if (body.From is null || body.Until is null)
                    return RuleProblems.From([new DomainError("delegation.window_required", "Give the start and the end of the delegation.", body.From is null ? "from" : "until")]);
                var created = await windows.CreateAsync(body.ApproverEmail, body.DelegateEmail, body.DelegateName, body.From.Value, body.Until.Value, actors.Current, context.RequestAborted);
                return created.Succeeded ? Results.Created($"/api/v1/approval-delegations/{created.Value.Id}", DelegationView(created.Value)) : RuleProblems.From(created.Errors);
            })
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("orders:write")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Sends an approver's new approvals to a delegate for a window (validated: no overlaps, no chains, at most a year).");
        delegations.MapPost("/{id:long}/revoke", async (long id, DelegationWindows windows, IActorAccessor actors, HttpContext context) =>
            {
                var revoked = await windows.RevokeAsync(id, null, actors.Current, context.RequestAborted);
                return revoked.Succeeded ? Results.Json(DelegationView(revoked.Value)) : RuleProblems.From(revoked.Errors);
            })
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("orders:write")
            .WithSummary("Ends a delegation now.");
        return api;
    }

    private static object DelegationView(DelegationWindow d) => new
    {
        d.Id, d.ApproverEmail, d.DelegateEmail, d.DelegateName, d.From, d.Until, d.RevokedAt, d.CreatedAt, d.CreatedBy,
    };

    private static async Task<IResult> ListAsync(long id, HttpContext context, AssetTypeScopes scopes, ApprovalInbox inbox,
        IDbContextFactory<IpSolisDbContext> contexts)
    {
        if (!await OrderInScopeAsync(id, context, scopes, contexts))
            return RuleProblems.From([new DomainError("order.not_found", $"Order {id} does not exist.", "id")]);
        var rows = await inbox.ForOrderAsync(id, context.RequestAborted);
        return Results.Json(rows.Select(ApprovalView.From).ToList());
    }

    private static async Task<IResult> ForceAsync(long id, ApprovalDecisionBody? body, HttpContext context, AssetTypeScopes scopes,
        IActorAccessor actors, ApprovalDecisions decisions, IDbContextFactory<IpSolisDbContext> contexts)
    {
        bool approve;
        switch (body?.Decision?.Trim().ToLowerInvariant())
        {
            case "approve": approve = true; break;
            case "decline": approve = false; break;
            default:
                return RuleProblems.From([new DomainError("approval.decision_invalid", "decision is approve or decline.", "decision")]);
        }

        long orderId;
        await using (var db = await contexts.CreateDbContextAsync(context.RequestAborted))
            orderId = await db.Set<OrderApproval>().Where(a => a.Id == id).Select(a => a.OrderId).FirstOrDefaultAsync(context.RequestAborted);
        if (orderId == 0 || !await OrderInScopeAsync(orderId, context, scopes, contexts))
            return Problems([ApprovalErrors.NotFound(id)]);
        var result = await decisions.ForceDecideAsync(id, actors.Current, approve, body!.Comment, context.RequestAborted);
        return result.Succeeded ? Results.Json(ApprovalView.From(result.Value.Approval)) : Problems(result.Errors);
    }

    private static async Task<IResult> PreviewAsync(long id, ApprovalPreviewBody? body, HttpContext context, AssetTypeScopes scopes,
        AssetTypes catalog, IActorAccessor actors, ApprovalPreview preview)
    {
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        var type = await catalog.FindAsync(scope, id, context.RequestAborted);
        if (type is null)
            return RuleProblems.From([new DomainError("asset_type.not_found", $"Asset type {id} does not exist.", "id")]);
        var sample = new ApprovalSample
        {
            RequesterEmail = body?.RequesterEmail,
            OwnerEmail = body?.OwnerEmail,
            DurationDays = body?.DurationDays,
            MonthlyCost = body?.MonthlyCost,
            Attributes = body?.Attributes ?? [],
        };
        var result = await preview.PreviewAsync(type, sample, OrderCaller.Administrator(actors.Current, scope), context.RequestAborted);
        return result.Succeeded ? Results.Json(result.Value) : RuleProblems.From(result.Errors);
    }

    /// <summary>Decision errors as problems: a row already decided is a conflict (409).</summary>
    public static IResult Problems(IReadOnlyList<DomainError> errors)
    {
        var first = errors[0];
        return first.Code == ApprovalErrors.AlreadyDecidedCode
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: first.Message,
                extensions: new Dictionary<string, object?> { ["code"] = first.Code })
            : RuleProblems.From(errors);
    }

    private static async Task<bool> OrderInScopeAsync(long orderId, HttpContext context, AssetTypeScopes scopes, IDbContextFactory<IpSolisDbContext> contexts)
    {
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        var typeId = await db.Set<Order>().Where(o => o.Id == orderId).Select(o => (long?)o.AssetTypeId).FirstOrDefaultAsync(context.RequestAborted);
        return typeId is { } t && scope.Allows(t);
    }
}
