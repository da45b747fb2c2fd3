using IpSolis.Server.Features.Maintenance;
using System.Globalization;
using System.Text.Json;
using IpSolis.Domain;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Http;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;
using static IpSolis.Server.Features.Orders.OrderApiModels;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// <c>/api/v1/orders</c>: place an order on behalf of a person (admins and tokens with <c>orders:write</c>; honours
/// <c>Idempotency-Key</c>), read one with its steps, and list them newest first with keyset pagination. Every order
/// id is checked against the caller's asset-type scope; one outside it answers 404 like a missing one.
/// </summary>
public static class OrdersEndpoints
{
    public const int MaxLimit = 200;

    private const int DefaultLimit = 50;

    private const int MaxBodyBytes = 256 * 1024;

    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");

        orders.MapPost("", PlaceAsync).RefusedDuringMaintenance()
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("orders:write")
            .Accepts<PlaceOrderBody>("application/json")
            .Produces<OrderJson>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Places an order for a person. Honours Idempotency-Key: a retry with the same key and body replays the first response.");

        orders.MapGet("/{id:long}", GetAsync)
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("orders:read")
            .Produces<OrderJson>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One order with its step log.");

        orders.MapGet("", ListAsync)
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("orders:read")
            .Produces<OrderPage>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Orders, newest first. Filters: status, assetTypeId, requester. Pages: pass nextCursor as cursor; limit up to 200.");
        return orders;
    }

    /// <summary>Rule errors as problems (<see cref="RuleProblems"/>); eligibility refusals are 403, an unreachable
    /// directory 503, and <c>*_not_found</c> codes 404.</summary>
    public static IResult Problems(IReadOnlyList<DomainError> errors)
    {
        var first = errors[0];
        var status = first.Code switch
        {
            OrderErrors.NotEligibleCode => StatusCodes.Status403Forbidden,
            OrderErrors.DirectoryUnavailableCode => StatusCodes.Status503ServiceUnavailable,
            // The type asks for an approver who cannot be found: the request is fine, the order cannot be routed.
            _ when first.Code.StartsWith("approval.", StringComparison.Ordinal) => StatusCodes.Status422UnprocessableEntity,
            // order.asset_type_not_found: a missing type (or one outside the caller's scope) is a missing resource.
            _ when first.Code.EndsWith("_not_found", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
            _ => 0,
        };
        return status == 0
            ? RuleProblems.From(errors)
            : Results.Problem(statusCode: status, title: first.Message,
                extensions: new Dictionary<string, object?> { ["code"] = first.Code, ["field"] = first.Field });
    }

    private static async Task<IResult> PlaceAsync(
        HttpContext context, OrderPlacement placement, AssetTypeScopes scopes, IActorAccessor actors,
        IdempotencyKeys idempotency, IDbContextFactory<IpSolisDbContext> contexts)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
            return Invalid("body", $"The body must be a JSON object of at most {MaxBodyBytes / 1024} KB.", "request.body_too_large");

        return await idempotency.RunAsync(context, body, async () =>
        {
            var parsed = Parse(body);
            if (parsed.Problem is { } problem)
                return problem;
            var scope = await scopes.ForAsync(context.User, context.RequestAborted);
            var caller = OrderCaller.Administrator(actors.Current, scope);
            var result = await placement.PlaceAsync(parsed.Request!, caller, context.RequestAborted);
            if (!result.Succeeded)
                return Problems(result.Errors);
            var order = result.Value;
            var assetName = await AssetNameAsync(contexts, order.AssignedAssetId, context.RequestAborted);
            return Results.Created($"/api/v1/orders/{order.Id}", ToJson(order, assetName));
        });
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, AssetTypeScopes scopes, IDbContextFactory<IpSolisDbContext> contexts)
    {
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, context.RequestAborted);
        if (order is null || !scope.Allows(order.AssetTypeId))
            return RuleProblems.From([new DomainError("order.not_found", $"Order {id} does not exist.", "id")]);
        var steps = await db.Set<OrderStep>().AsNoTracking().Where(s => s.OrderId == id).OrderBy(s => s.Position).ToListAsync(context.RequestAborted);
        var assetName = order.AssignedAssetId is { } assetId
            ? await db.Set<PoolAsset>().AsNoTracking().Where(a => a.Id == assetId).Select(a => a.Name).FirstOrDefaultAsync(context.RequestAborted)
            : null;
        return Results.Json(ToJson(order, assetName, steps));
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, AssetTypeScopes scopes, IDbContextFactory<IpSolisDbContext> contexts,
        string? status, long? assetTypeId, string? requester, string? cursor, int? limit)
    {
        var errors = new List<DomainError>();
        OrderStatus parsedStatus = default;
        if (status is not null && !WireName<OrderStatus>.TryParse(status, out parsedStatus))
            errors.Add(new DomainError("order.status_invalid", $"'{status}' is not an order status: {string.Join(", ", WireName<OrderStatus>.All)}.", "status"));
        long after = 0;
        if (cursor is not null && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after) || after <= 0))
            errors.Add(new DomainError("order.cursor_invalid", "The cursor is not one this API returned (nextCursor).", "cursor"));
        if (limit is < 1 or > MaxLimit)
            errors.Add(new DomainError("order.limit_invalid", $"limit must be 1 to {MaxLimit}.", "limit"));
        if (errors.Count > 0)
            return RuleProblems.From(errors);

        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        var query = db.Set<Order>().AsNoTracking();
        if (!scope.IsEverything)
        {
            var granted = scope.Granted!.ToList();
            query = query.Where(o => granted.Contains(o.AssetTypeId));
        }

        if (status is not null)
            query = query.Where(o => o.Status == parsedStatus);
        if (assetTypeId is { } typeId)
            query = query.Where(o => o.AssetTypeId == typeId);
        if (!string.IsNullOrWhiteSpace(requester))
        {
            var email = requester.Trim().ToLowerInvariant();
            query = query.Where(o => o.RequesterEmail == email);
        }

        if (cursor is not null)
            query = query.Where(o => o.Id < after);
        var take = limit ?? DefaultLimit;
        var page = await query.OrderByDescending(o => o.Id).Take(take + 1).ToListAsync(context.RequestAborted);
        var more = page.Count > take;
        if (more)
            page.RemoveAt(page.Count - 1);

        var assetIds = page.Where(o => o.AssignedAssetId is not null).Select(o => o.AssignedAssetId!.Value).Distinct().ToList();
        var names = assetIds.Count == 0
            ? new Dictionary<long, string>()
            : await db.Set<PoolAsset>().AsNoTracking().Where(a => assetIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, context.RequestAborted);
        var items = page.Select(o => ToJson(o, o.AssignedAssetId is { } a ? names.GetValueOrDefault(a) : null)).ToList();
        return Results.Json(new OrderPage(items, more ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null));
    }

    /// <summary>The raw body (kept for the idempotency hash), or null when it is larger than allowed.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static (PlaceOrder? Request, IResult? Problem) Parse(byte[] body)
    {
        PlaceOrderBody? input;
        try
        {
            input = JsonSerializer.Deserialize<PlaceOrderBody>(body, Read);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            var reason = ex.Message.Split(". ", 2)[0].TrimEnd('.');
            return (null, Invalid(field, $"The body is not a valid order at '{field}': {reason}.", "request.malformed_json"));
        }

        if (input is null)
            return (null, Invalid("body", "The body must be a JSON object.", "request.malformed_json"));

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (input.AssetTypeId is null)
            errors["assetTypeId"] = ["assetTypeId is required."];
        var from = Instant(input.From, "from", errors);
        var until = Instant(input.Until, "until", errors);
        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in input.Attributes ?? [])
        {
            if (AttributeTexts(value) is { } texts)
                attributes[key] = texts;
            else
                errors[$"attributes.{key}"] = [$"The value of '{key}' must be a string, a number, true/false or a list of strings."];
        }

        if (errors.Count > 0)
        {
            return (null, Results.ValidationProblem(errors, title: "The request is not valid.", detail: errors.First().Value[0],
                extensions: new Dictionary<string, object?> { ["code"] = "order.request_invalid" }));
        }

        return (new PlaceOrder(input.AssetTypeId!.Value, input.RequesterEmail ?? "", from, until)
        {
            OwnerEmail = input.OwnerEmail,
            Attributes = attributes,
            Justification = input.Justification,
            RdpUsers = input.RdpUsers ?? [],
            AdminUsers = input.AdminUsers ?? [],
            Source = "api",
        }, null);
    }

    private static DateTimeOffset Instant(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = [$"{field} is required (a date like 2025-05-01 or an ISO 8601 date and time)."];
            return default;
        }

        if (TryParseInstant(text, out var instant))
            return instant;
        errors[field] = [$"'{text}' is not a date: use 2025-05-01 or an ISO 8601 date and time."];
        return default;
    }

    private static IResult Invalid(string field, string message, string code) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid.", detail: message,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    private static async Task<string?> AssetNameAsync(IDbContextFactory<IpSolisDbContext> contexts, long? assetId, CancellationToken cancellationToken)
    {
        if (assetId is not { } id)
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<PoolAsset>().AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
    }
}
