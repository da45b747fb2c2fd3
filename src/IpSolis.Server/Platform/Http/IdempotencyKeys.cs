using System.Security.Claims;
using System.Security.Cryptography;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Http;

/// <summary>
/// <c>Idempotency-Key</c> on creating POSTs: a client that retries a request (a timeout, a dropped connection) with
/// the same key gets the first response again instead of a second order. Keys are per caller and kept 24 hours.
/// The same key with a different request is refused (422); while the first request still runs, a repeat is refused
/// with 409 and can be retried. Only responses below 500 are kept: after a server error the key can be used again.
/// A key whose request never answered (its node was killed mid-request) is free again after
/// <see cref="AbandonedAfter"/>, far longer than any request runs, so a client retrying on another node gets an answer
/// rather than 409 for a day. The price, said plainly: if that node had committed the change before it died, the retry
/// makes it a second time.
/// </summary>
public sealed class IdempotencyKeys(IDbContextFactory<IpSolisDbContext> contexts, TimeProvider time)
{
    public const string Header = "Idempotency-Key";

    public const int MaxKeyLength = 200;

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="create"/> at most once per caller and key, and sends its result. Without the header it
    /// simply runs it. <paramref name="requestBody"/> is the raw body, hashed with the method and path. The result is
    /// written through a buffer so exactly the bytes sent are kept for a replay.
    /// </summary>
    public async Task<IResult> RunAsync(HttpContext context, ReadOnlyMemory<byte> requestBody, Func<Task<IResult>> create)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(create);
        if (!context.Request.Headers.ContainsKey(Header))
            return await create();
        var key = context.Request.Headers[Header].ToString();
        if (Problem(key) is { } invalid)
            return invalid;

        var claim = await ClaimAsync(CallerOf(context.User), key, Hash(context.Request.Method, context.Request.Path, requestBody), context.RequestAborted);
        if (claim.Replay is { } replay)
            return replay;
        if (claim.Refusal is { } refusal)
            return refusal;

        var recordId = claim.RecordId!.Value;
        StoredResponse response;
        var original = context.Response.Body;
        try
        {
            var result = await create();
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await result.ExecuteAsync(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            response = new StoredResponse(
                context.Response.StatusCode,
                context.Response.ContentType ?? "application/json",
                System.Text.Encoding.UTF8.GetString(buffer.ToArray()),
                context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null);
        }
        catch
        {
            await AbandonAsync(recordId, CancellationToken.None);
            throw;
        }

        if (response.StatusCode >= 500)
            await AbandonAsync(recordId, CancellationToken.None);
        else
            await CompleteAsync(recordId, response, CancellationToken.None);
        return response;
    }

    /// <summary>Takes the key for a new request, or finds the earlier request that used it.</summary>
    public async Task<IdempotencyClaim> ClaimAsync(string caller, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await db.Set<IdempotencyRecord>().AsNoTracking()
                .FirstOrDefaultAsync(r => r.Caller == caller && r.Key == key, cancellationToken);
            if (existing is not null && existing.ExpiresAt <= now)
            {
                // Expired but not purged yet: the key is free again.
                await db.Set<IdempotencyRecord>().Where(r => r.Id == existing.Id).ExecuteDeleteAsync(cancellationToken);
                existing = null;
            }

            if (existing is not null && existing.StatusCode is null && existing.CreatedAt <= now - AbandonedAfter)
            {
                // Taken by a request that never answered: its node stopped mid-request. Free it (unless it has just
                // been answered after all) and take it below.
                await db.Set<IdempotencyRecord>().Where(r => r.Id == existing.Id && r.StatusCode == null).ExecuteDeleteAsync(cancellationToken);
                existing = null;
            }

            if (existing is not null)
                return Found(existing, requestHash);

            var record = new IdempotencyRecord { Caller = caller, Key = key, RequestHash = requestHash, CreatedAt = now, ExpiresAt = now + Lifetime };
            db.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new IdempotencyClaim(record.Id, null, null);
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                // A concurrent request with the same key won the insert: look at its row.
                db.ChangeTracker.Clear();
            }
        }

        return new IdempotencyClaim(null, null, InProgress());
    }

    /// <summary>Keeps the response of the request that holds the key.</summary>
    public async Task CompleteAsync(long recordId, StoredResponse response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<IdempotencyRecord>().Where(r => r.Id == recordId).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.StatusCode, response.StatusCode)
            .SetProperty(r => r.ContentType, response.ContentType)
            .SetProperty(r => r.ResponseBody, response.Body)
            .SetProperty(r => r.Location, response.Location)
            .SetProperty(r => r.CompletedAt, now), cancellationToken);
    }

    /// <summary>Frees the key after a request that failed on our side, so the client can retry with it.</summary>
    public async Task AbandonAsync(long recordId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<IdempotencyRecord>().Where(r => r.Id == recordId && r.CompletedAt == null).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Removes keys older than their lifetime; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The identity keys belong to: the token, the admin account, the legacy key or the portal user.</summary>
    public static string CallerOf(ClaimsPrincipal user)
    {
        if (AdminIdentity.From(user) is { } admin)
        {
            return admin.Via switch
            {
                AdminIdentity.Token => $"token:{admin.TokenId}",
                _ when admin.LegacyAuthority => "legacy_key",
                _ => $"admin:{admin.UserId}",
            };
        }

        return PortalUser.From(user) is { } portal ? $"portal:{portal.Email.ToLowerInvariant()}" : "anonymous";
    }

    public static string Hash(string method, string path, ReadOnlyMemory<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()} {path}\n"));
        hash.AppendData(body.Span);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static IdempotencyClaim Found(IdempotencyRecord existing, string requestHash)
    {
        if (!string.Equals(existing.RequestHash, requestHash, StringComparison.Ordinal))
        {
            return new IdempotencyClaim(null, null, Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: $"This {Header} was already used with a different request. Use a new key for a new request.",
                extensions: new Dictionary<string, object?> { ["code"] = "idempotency.key_reused", ["field"] = Header }));
        }

        if (existing.StatusCode is not { } status)
            return new IdempotencyClaim(null, null, InProgress());
        return new IdempotencyClaim(null, new StoredResponse(status, existing.ContentType ?? "application/json", existing.ResponseBody ?? "", existing.Location) { Replayed = true }, null);
    }

    private static IResult InProgress() => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: $"A request with this {Header} is still being processed. Retry in a moment to get its response.",
        extensions: new Dictionary<string, object?> { ["code"] = "idempotency.in_progress", ["field"] = Header });

    private static IResult? Problem(string key)
    {
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [Header] = [$"{Header} must be 1 to {MaxKeyLength} visible ASCII characters (a UUID is a good key)."] },
                title: "The request is not valid.",
                extensions: new Dictionary<string, object?> { ["code"] = "idempotency.key_invalid" });
        }

        return null;
    }
}
