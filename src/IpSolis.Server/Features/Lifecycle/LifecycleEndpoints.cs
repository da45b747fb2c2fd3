using IpSolis.Domain;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Http;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// The lifecycle API for administrators and tokens (scope <c>orders:write</c>): change, return and retry an order.
/// Each answers 200 with the order it created or changed, in the shape of <c>GET /api/v1/orders/{id}</c>; an order
/// outside the caller's asset types answers 404 exactly like one that does not exist.
/// </summary>
public static class LifecycleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");

        orders.MapPost("/{id:long}/change", async (long id, ChangeOrderRequest body, HttpContext context, OrderLifecycle lifecycle, AssetTypeScopes scopes, IActorAccessor actors, IDbContextFactory<IpSolisDbContext> contexts) =>
            {
                DateTimeOffset? until = null;
                if (body.Until is not null)
                {
                    if (!OrderApiModels.TryParseInstant(body.Until, out var parsed))
                        return RuleProblems.From([new DomainError("order.until_invalid", $"'{body.Until}' is not a date (2025-05-01) or an ISO 8601 instant.", "until")]);
                    until = parsed;
                }

                var caller = OrderCaller.Administrator(actors.Current, await scopes.ForAsync(context.User, context.RequestAborted));
                var change = new OrderChange { Until = until, RdpUsers = body.RdpUsers, AdminUsers = body.AdminUsers, OwnerEmail = body.OwnerEmail };
                return await AnswerAsync(await lifecycle.ChangeAsync(id, change, caller, context.RequestAborted), contexts, context.RequestAborted);
            })
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("orders:write")
            .Produces<OrderApiModels.OrderJson>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Asks for a change of an active order (new end, RDP/admin lists, owner): returns the modify order that carries it. The order itself changes when that modify order is delivered.");

        orders.MapPost("/{id:long}/return", async (long id, HttpContext context, OrderLifecycle lifecycle, AssetTypeScopes scopes, IActorAccessor actors, IDbContextFactory<IpSolisDbContext> contexts) =>
            {
                var caller = OrderCaller.Administrator(actors.Current, await scopes.ForAsync(context.User, context.RequestAborted));
                return await AnswerAsync(await lifecycle.ReturnAsync(id, caller, context.RequestAborted), contexts, context.RequestAborted);
            })
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("orders:write")
            .Produces<OrderApiModels.OrderJson>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Returns or cancels an order: one awaiting approval, scheduled or failed is cancelled at once (answers the cancelled order); an active one is deprovisioned (answers the delete order).");

        orders.MapPost("/{id:long}/retry", async (long id, HttpContext context, OrderLifecycle lifecycle, AssetTypeScopes scopes, IActorAccessor actors, IDbContextFactory<IpSolisDbContext> contexts) =>
            {
                var caller = OrderCaller.Administrator(actors.Current, await scopes.ForAsync(context.User, context.RequestAborted));
                return await AnswerAsync(await lifecycle.RetryAsync(id, caller, context.RequestAborted), contexts, context.RequestAborted);
            })
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("orders:write")
            .Produces<OrderApiModels.OrderJson>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Runs a failed order again from its first step.");
    }

    private static async Task<IResult> AnswerAsync(Result<Order> result, IDbContextFactory<IpSolisDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
            return Problem(result.Errors);
        var order = result.Value;
        string? assetName = null;
        if (order.AssignedAssetId is { } assetId)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            assetName = await db.Set<PoolAsset>().AsNoTracking().Where(a => a.Id == assetId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
        }

        return Results.Json(OrderApiModels.ToJson(order, assetName));
    }

    /// <summary>
    /// Rule errors as problems, as the orders API answers them (an unreachable directory is 503), plus one code that
    /// says more than its ending: a change still open is a conflict (409).
    /// </summary>
    private static IResult Problem(IReadOnlyList<DomainError> errors)
    {
        var first = errors[0];
        return first.Code == "order.change_in_progress"
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: first.Message,
                extensions: new Dictionary<string, object?> { ["code"] = first.Code, ["field"] = first.Field })
            : OrdersEndpoints.Problems(errors);
    }
}
