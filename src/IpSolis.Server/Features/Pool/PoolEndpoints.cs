using System.Globalization;
using System.Text.Json;
using IpSolis.Domain;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Http;
using IpSolis.Server.Platform.Security;
using static IpSolis.Server.Features.Pool.PoolApiModels;

namespace IpSolis.Server.Features.Pool;

/// <summary>
/// <c>/api/v1/pool</c>: read for helpdesk and up (<c>assets:read</c>), change for admins (<c>assets:write</c>).
/// Assets and asset types outside the caller's asset-type scope answer 404 exactly like ids that do not exist.
/// </summary>
public static class PoolEndpoints
{
    public const string Path = "/pool";

    private const int MaxJsonBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapPoolApi(this RouteGroupBuilder api)
    {
        var pool = api.MapGroup(Path).WithTags("Pool");

        pool.MapGet("", ListAsync)
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("assets:read")
            .Produces<AssetPage>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Pool assets in id order. Filters: type (asset type id), status, q (name contains). Pages: pass nextCursor as cursor; limit up to 200.");
        pool.MapGet("/counts", CountsAsync)
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("assets:read")
            .Produces<IReadOnlyList<TypeCounts>>()
            .WithSummary("Assets per status for every asset type that has any.");
        pool.MapGet("/{id:long}", GetAsync)
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope("assets:read")
            .Produces<Asset>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One pool asset with the order holding it (holdingOrderId).");
        pool.MapPost("", CreateAsync)
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("assets:write")
            .Accepts<CreateRequest>("application/json")
            .Produces<Asset>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Adds one asset (free or maintenance). Honours Idempotency-Key.");
        pool.MapPost("/bulk", BulkAsync)
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("assets:write")
            .Accepts<BulkRequest>("application/json")
            .Produces<BulkResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Creates prefix + numbers (count 1 to 1000, zero-padded to padding digits); names that exist are skipped and listed. Honours Idempotency-Key.");
        pool.MapPost("/import", ImportAsync)
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("assets:write")
            .Accepts<string>("text/csv", "multipart/form-data")
            .Produces<ImportReport>().ProducesProblem(StatusCodes.Status400BadRequest)
            .DisableAntiforgery()
            .WithSummary("Imports CSV (a text/csv body or a multipart file; at most 5 MB and 10,000 rows). Columns: name, asset_type (name or id), "
                + "status (free|maintenance), notes, meta.<key>. dryRun=true (the default) only reports; dryRun=false applies when no row has an error.");
        pool.MapPatch("/{id:long}", UpdateAsync)
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("assets:write")
            .Accepts<UpdateRequest>("application/json")
            .Produces<Asset>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Changes notes, metadata (replaced whole), status (by hand: only the moves the pool allows, never on a reserved or busy asset) or asset type (free assets only).");
        pool.MapPost("/{id:long}/force-release", ForceReleaseAsync)
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("assets:write")
            .Accepts<ForceReleaseRequest>("application/json")
            .Produces<Asset>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Frees the asset whatever holds it, for a reason (required, audited); the holding order ends at once.");
        pool.MapDelete("/{id:long}", DeleteAsync)
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("assets:write")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Deletes a free or maintenance asset no order ever used; otherwise 409 pool_asset.in_use (set it to maintenance instead).");
        return pool;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, PoolAssetList list, AssetTypeScopes scopes, long? type, string? status, string? q, string? cursor, int? limit)
    {
        var errors = new List<DomainError>();
        PoolAssetStatus? parsedStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (WireName<PoolAssetStatus>.TryParse(status, out var value))
                parsedStatus = value;
            else
                errors.Add(new DomainError("pool_asset.status", $"'{status}' is not a status: {string.Join(", ", WireName<PoolAssetStatus>.All)}.", "status"));
        }

        long? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                after = id;
            else
                errors.Add(new DomainError("pool_asset.cursor", "The cursor is not one this API returned (nextCursor).", "cursor"));
        }

        if (limit is < 1 or > PoolAssetList.MaxPageSize)
            errors.Add(new DomainError("pool_asset.limit", $"limit must be 1 to {PoolAssetList.MaxPageSize}.", "limit"));
        if (q is { Length: > PoolAssetName.MaxLength })
            errors.Add(new DomainError("pool_asset.search", $"q has at most {PoolAssetName.MaxLength} characters.", "q"));
        if (errors.Count > 0)
            return RuleProblems.From(errors);

        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        if (type is { } typeId && !await list.TypeExistsAsync(scope, typeId, context.RequestAborted))
            return RuleProblems.From([PoolTypes.NotFound(typeId) with { Field = "type" }]);
        var page = await list.PageAsync(scope, new PoolAssetListFilter(type, parsedStatus, q), after, 0,
            limit ?? PoolAssetList.DefaultPageSize, withContext: false, context.RequestAborted);
        return Results.Json(new AssetPage([.. page.Items.Select(Asset.From)], page.NextCursor?.ToString(CultureInfo.InvariantCulture)));
    }

    private static async Task<IResult> CountsAsync(HttpContext context, PoolStatistics statistics, AssetTypeScopes scopes)
    {
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        var counts = await statistics.CountsByTypeAsync(scope, context.RequestAborted);
        return Results.Json(counts.OrderBy(p => p.Key).Select(p => new TypeCounts(
            p.Key, p.Value.Free, p.Value.Reserved, p.Value.Busy, p.Value.Maintenance, p.Value.Reinstall, p.Value.Reinstalling, p.Value.Failed, p.Value.Total)).ToList());
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, PoolAssets pool, AssetTypeScopes scopes)
    {
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        return await pool.FindAsync(scope, id, context.RequestAborted) is { } asset
            ? Results.Json(Asset.From(asset))
            : RuleProblems.From([PoolAssets.NotFound(id) with { Field = "id" }]);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, PoolAssets pool, AssetTypeScopes scopes, IActorAccessor actors)
    {
        var body = await ReadAsync(context.Request, MaxJsonBytes, context.RequestAborted);
        if (body is null)
            return BodyTooLarge();
        return await Idempotent(context, body, async () =>
        {
            var (request, problem) = Parse<CreateRequest>(body);
            if (problem is not null)
                return problem;
            var errors = new List<DomainError>();
            if (request!.AssetTypeId is null)
                errors.Add(new DomainError("pool_asset.asset_type", "Give the asset type (assetTypeId).", "assetTypeId"));
            var status = ParseStatus(request.Status, errors);
            if (errors.Count > 0)
                return RuleProblems.From(errors);
            var scope = await scopes.ForAsync(context.User, context.RequestAborted);
            var result = await pool.CreateAsync(scope, actors.Current,
                new NewPoolAsset(request.Name, request.AssetTypeId!.Value, request.Notes, request.Metadata, status), context.RequestAborted);
            return result.Succeeded
                ? Results.Created($"/api/v1{Path}/{result.Value.Id}", Asset.From(result.Value))
                : RuleProblems.From(result.Errors);
        });
    }

    private static async Task<IResult> BulkAsync(HttpContext context, PoolBulkCreation bulk, AssetTypeScopes scopes, IActorAccessor actors)
    {
        var body = await ReadAsync(context.Request, MaxJsonBytes, context.RequestAborted);
        if (body is null)
            return BodyTooLarge();
        return await Idempotent(context, body, async () =>
        {
            var (request, problem) = Parse<BulkRequest>(body);
            if (problem is not null)
                return problem;
            var errors = new List<DomainError>();
            if (request!.AssetTypeId is null)
                errors.Add(new DomainError("pool_asset.asset_type", "Give the asset type (assetTypeId).", "assetTypeId"));
            if (request.Count is null)
                errors.Add(new DomainError("pool_asset.count", $"Give how many assets to create (count, 1 to {PoolAssetBatch.MaxCount}).", "count"));
            if (errors.Count > 0)
                return RuleProblems.From(errors);
            var scope = await scopes.ForAsync(context.User, context.RequestAborted);
            var result = await bulk.CreateAsync(scope, actors.Current,
                new PoolBulkRequest(request.Prefix, request.Start ?? 1, request.Count!.Value, request.Padding ?? 0, request.AssetTypeId!.Value, request.Notes),
                context.RequestAborted);
            return result.Succeeded
                ? Results.Json(new BulkResult(result.Value.Created.Count, result.Value.Skipped.Count, result.Value.Created, result.Value.Skipped))
                : RuleProblems.From(result.Errors);
        });
    }

    private static async Task<IResult> ImportAsync(HttpContext context, PoolImport import, AssetTypeScopes scopes, IActorAccessor actors, bool? dryRun)
    {
        byte[]? content;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null)
                return RuleProblems.From([new DomainError("pool_import.file", "Send the CSV as a multipart file named 'file', or as a text/csv body.", "file")]);
            if (file.Length > PoolImport.MaxBytes)
                return RuleProblems.From([PoolImport.TooLarge()]);
            await using var stream = file.OpenReadStream();
            content = await ReadAsync(stream, PoolImport.MaxBytes, context.RequestAborted);
        }
        else
        {
            content = await ReadAsync(context.Request, PoolImport.MaxBytes, context.RequestAborted);
        }

        if (content is null)
            return RuleProblems.From([PoolImport.TooLarge()]);
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        var result = await import.RunAsync(scope, actors.Current, content, dryRun ?? true, context.RequestAborted);
        if (!result.Succeeded)
            return RuleProblems.From(result.Errors);
        var report = ImportReport.From(result.Value);
        if (!result.Value.DryRun && !result.Value.Applied)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: $"Nothing was imported: {report.Errors} row(s) have errors. Fix them and import again.",
                extensions: new Dictionary<string, object?> { ["code"] = "pool_import.rows_invalid", ["field"] = "file", ["report"] = report });
        }

        return Results.Json(report);
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext context, PoolAssets pool, AssetTypeScopes scopes, IActorAccessor actors)
    {
        var body = await ReadAsync(context.Request, MaxJsonBytes, context.RequestAborted);
        if (body is null)
            return BodyTooLarge();
        var (request, problem) = Parse<UpdateRequest>(body);
        if (problem is not null)
            return problem;
        var errors = new List<DomainError>();
        var status = ParseStatus(request!.Status, errors);
        if (errors.Count > 0)
            return RuleProblems.From(errors);
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        var result = await pool.UpdateAsync(scope, actors.Current, id,
            new PoolAssetEdit(request.Notes, request.Metadata, status, request.AssetTypeId), context.RequestAborted);
        return result.Succeeded ? Results.Json(Asset.From(result.Value)) : RuleProblems.From(result.Errors);
    }

    private static async Task<IResult> ForceReleaseAsync(long id, HttpContext context, PoolAssets pool, AssetTypeScopes scopes, IActorAccessor actors)
    {
        var body = await ReadAsync(context.Request, MaxJsonBytes, context.RequestAborted);
        if (body is null)
            return BodyTooLarge();
        var (request, problem) = body.Length == 0 ? (new ForceReleaseRequest(null), null) : Parse<ForceReleaseRequest>(body);
        if (problem is not null)
            return problem;
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        var result = await pool.ForceReleaseAsync(scope, actors.Current, id, request!.Reason, context.RequestAborted);
        return result.Succeeded ? Results.Json(Asset.From(result.Value)) : RuleProblems.From(result.Errors);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, PoolAssets pool, AssetTypeScopes scopes, IActorAccessor actors)
    {
        var scope = await scopes.ForAsync(context.User, context.RequestAborted);
        var result = await pool.DeleteAsync(scope, actors.Current, id, context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : RuleProblems.From(result.Errors);
    }

    private static PoolAssetStatus? ParseStatus(string? text, List<DomainError> errors)
    {
        if (text is null)
            return null;
        if (WireName<PoolAssetStatus>.TryParse(text, out var status))
            return status;
        errors.Add(new DomainError("pool_asset.status", $"'{text}' is not a status: {string.Join(", ", WireName<PoolAssetStatus>.All)}.", "status"));
        return null;
    }

    /// <summary>Runs a creating request once per Idempotency-Key where the platform offers it.</summary>
    private static Task<IResult> Idempotent(HttpContext context, ReadOnlyMemory<byte> body, Func<Task<IResult>> create) =>
        context.RequestServices.GetService<IdempotencyKeys>() is { } keys ? keys.RunAsync(context, body, create) : create();

    private static Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken) =>
        ReadAsync(request.Body, limit, cancellationToken);

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when there are more.</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The body as <typeparamref name="T"/>, or a problem naming the field that could not be read.</summary>
    private static (T? Request, IResult? Problem) Parse<T>(byte[] body) where T : class
    {
        try
        {
            var request = body.Length == 0 ? null : JsonSerializer.Deserialize<T>(body, Json);
            return request is null ? (null, Invalid("body", "The body must be a JSON object.")) : (request, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, Invalid(field, $"'{field}' has a value of the wrong kind, or the JSON is malformed."));
        }
    }

    private static IResult Invalid(string field, string message) => RuleProblems.From([new DomainError("pool_asset.body", message, field)]);

    private static IResult BodyTooLarge() => Invalid("body", $"The body is at most {MaxJsonBytes / 1024} KB.");
}
