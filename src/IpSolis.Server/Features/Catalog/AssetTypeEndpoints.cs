using System.Globalization;
using System.Text.Json;
using IpSolis.Domain;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Platform.Http;
using IpSolis.Server.Platform.Security;

namespace IpSolis.Server.Features.Catalog;

/// <summary>
/// <c>/api/v1/asset-types</c>: read for helpdesk and up (<c>asset_types:read</c>), change for admins
/// (<c>asset_types:write</c>). Ids outside the caller's asset-type scope answer 404 like ids that do not exist.
/// </summary>
public static class AssetTypeEndpoints
{
    public const string Path = "/asset-types";

    private const int MaxBodyBytes = 512 * 1024;

    private static readonly JsonSerializerOptions Read = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapAssetTypesApi(this RouteGroupBuilder api)
    {
        var types = api.MapGroup(Path).WithTags("Asset types");

        types.MapGet("", ListAsync)
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("asset_types:read")
            .Produces<AssetTypePage>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Asset types in id order. Filters: active, category, q (name contains). Pages: pass nextCursor as cursor; limit up to 200.");
        types.MapGet("/{id:long}", GetAsync)
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("asset_types:read")
            .Produces<AssetTypeView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One asset type with its attribute schema.");
        types.MapPost("", CreateAsync)
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("asset_types:write")
            .Accepts<AssetTypeRequest>("application/json")
            .Produces<AssetTypeView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Creates an asset type. Honours Idempotency-Key.");
        types.MapPut("/{id:long}", UpdateAsync)
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("asset_types:write")
            .Accepts<AssetTypeRequest>("application/json")
            .Produces<AssetTypeView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Replaces an asset type's definition. Send the version you read; a stale one is refused with 409 asset_type.stale.");
        types.MapPost("/{id:long}/clone", CloneAsync)
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("asset_types:write")
            .Produces<AssetTypeView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Copies an asset type as '<name> (copy)', inactive. Honours Idempotency-Key.");
        types.MapPost("/{id:long}/activate", (long id, HttpContext context, AssetTypes catalog, IActorAccessor actors) =>
                SetActiveAsync(id, true, context, catalog, actors))
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("asset_types:write")
            .Produces<AssetTypeView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Shows the asset type in the catalog (it must pass every rule).");
        types.MapPost("/{id:long}/deactivate", (long id, HttpContext context, AssetTypes catalog, IActorAccessor actors) =>
                SetActiveAsync(id, false, context, catalog, actors))
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("asset_types:write")
            .Produces<AssetTypeView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Hides the asset type from the catalog and refuses new orders; existing orders live on.");
        types.MapDelete("/{id:long}", DeleteAsync)
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("asset_types:write")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Deletes an asset type that was never ordered and has no pool assets; otherwise 409 asset_type.in_use (deactivate it instead).");
        return types;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, AssetTypes catalog, AssetTypeScopes scopes, bool? active, string? category, string? q, string? cursor, int? limit)
    {
        var errors = new List<DomainError>();
        AssetCategory? parsedCategory = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            if (WireName<AssetCategory>.TryParse(category, out var value))
                parsedCategory = value;
            else
                errors.Add(new DomainError("asset_type.category", $"'{category}' is not a category: {string.Join(", ", WireName<AssetCategory>.All)}.", "category"));
        }

        long? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                after = id;
            else
                errors.Add(new DomainError("asset_type.cursor", "The cursor is not one this API returned (nextCursor).", "cursor"));
        }

        if (limit is < 1 or > AssetTypeFilter.MaximumLimit)
            errors.Add(new DomainError("asset_type.limit", $"limit must be 1 to {AssetTypeFilter.MaximumLimit}.", "limit"));
        if (q is { Length: > AssetTypeRules.MaximumNameLength })
            errors.Add(new DomainError("asset_type.search", $"q has at most {AssetTypeRules.MaximumNameLength} characters.", "q"));
        if (errors.Count > 0)
            return RuleProblems.From(errors);

        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        var page = await catalog.ListAsync(scope, new AssetTypeFilter(active, parsedCategory, q, after, limit ?? AssetTypeFilter.DefaultLimit), context.RequestAborted);
        return Results.Json(new AssetTypePage(
            page.Items.Select(AssetTypeView.From).ToList(),
            page.NextAfter?.ToString(CultureInfo.InvariantCulture)));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, AssetTypes catalog, AssetTypeScopes scopes)
    {
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        return await catalog.FindAsync(scope, id, context.RequestAborted) is { } type
            ? Results.Json(AssetTypeView.From(type))
            : RuleProblems.From([AssetTypes.NotFound with { Field = "id" }]);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AssetTypes catalog, IActorAccessor actors)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
            return TooLarge();
        return await Idempotent(context, body, async () =>
        {
            var (request, problem) = Parse(body);
            if (problem is not null)
                return problem;
            var (definition, inputErrors) = request!.ToDefinition();
            var result = await catalog.CreateAsync(Caller(context), actors.Current, definition, inputErrors, context.RequestAborted);
            return result.Succeeded
                ? Results.Created($"/api/v1{Path}/{result.Value.Id}", AssetTypeView.From(result.Value))
                : RuleProblems.From(result.Errors);
        });
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext context, AssetTypes catalog, IActorAccessor actors)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
            return TooLarge();
        var (request, problem) = Parse(body);
        if (problem is not null)
            return problem;
        var (definition, inputErrors) = request!.ToDefinition();
        var result = await catalog.UpdateAsync(Caller(context), actors.Current, id, request.Version, definition, inputErrors, context.RequestAborted);
        return result.Succeeded ? Results.Json(AssetTypeView.From(result.Value)) : RuleProblems.From(result.Errors);
    }

    private static async Task<IResult> CloneAsync(long id, HttpContext context, AssetTypes catalog, IActorAccessor actors)
    {
        return await Idempotent(context, ReadOnlyMemory<byte>.Empty, async () =>
        {
            var result = await catalog.CloneAsync(Caller(context), actors.Current, id, context.RequestAborted);
            return result.Succeeded
                ? Results.Created($"/api/v1{Path}/{result.Value.Id}", AssetTypeView.From(result.Value))
                : RuleProblems.From(result.Errors);
        });
    }

    private static async Task<IResult> SetActiveAsync(long id, bool active, HttpContext context, AssetTypes catalog, IActorAccessor actors)
    {
        var result = await catalog.SetActiveAsync(Caller(context), actors.Current, id, active, context.RequestAborted);
        return result.Succeeded ? Results.Json(AssetTypeView.From(result.Value)) : RuleProblems.From(result.Errors);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, AssetTypes catalog, IActorAccessor actors)
    {
        var result = await catalog.DeleteAsync(Caller(context), actors.Current, id, context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : RuleProblems.From(result.Errors);
    }

    private static AdminIdentity Caller(HttpContext context) =>
        AdminIdentity.From(context.User) ?? throw new InvalidOperationException("The asset-type API runs for administrators only.");

    /// <summary>Runs a creating request once per Idempotency-Key where the platform offers it.</summary>
    private static Task<IResult> Idempotent(HttpContext context, ReadOnlyMemory<byte> body, Func<Task<IResult>> create) =>
        context.RequestServices.GetService<IdempotencyKeys>() is { } keys ? keys.RunAsync(context, body, create) : create();

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

    /// <summary>The body as a request, or a problem naming the field that could not be read (from the JSON path).</summary>
    private static (AssetTypeRequest? Request, IResult? Problem) Parse(byte[] body)
    {
        try
        {
            var request = JsonSerializer.Deserialize<AssetTypeRequest>(body, Read);
            return request is null
                ? (null, Invalid("body", "The body must be a JSON object describing the asset type."))
                : (request, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, Invalid(field, $"'{field}' has a value of the wrong kind (a number, text, true/false or list was expected), or the JSON is malformed."));
        }
    }

    private static IResult Invalid(string field, string message) =>
        RuleProblems.From([new DomainError("asset_type.body", message, field)]);

    private static IResult TooLarge() =>
        Invalid("body", $"The body is at most {MaxBodyBytes / 1024} KB (an uploaded icon is at most {AssetTypeIcons.MaximumBytes / 1024} KB).");
}
