using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Web;
using Microsoft.AspNetCore.Mvc;
using static IpSolis.Server.Features.Administration.AdminApiModels;

namespace IpSolis.Server.Features.Administration;

/// <summary>
/// The admin access API under <c>/api/v1/admin</c> (tokens and the legacy key; the console cookie for reads) and the
/// console's form actions under <c>/ui</c> (session, antiforgery, redirect back).
/// </summary>
public static class AdministrationEndpoints
{
    public static WebApplication MapIpSolisAccess(this WebApplication app, RouteGroupBuilder api)
    {
        MapApi(api.MapGroup("/admin").WithTags("Administration"));
        MapConsoleActions(app);
        return app;
    }

    private static void MapApi(RouteGroupBuilder admin)
    {
        admin.MapGet("/me", (HttpContext context) =>
            {
                var me = AdminIdentity.From(context.User)!;
                return Results.Json(new { username = me.Name, role = AdminRoles.Name(me.Role), via = me.Via, legacyKey = me.LegacyAuthority, scopes = me.Scopes });
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).WithSummary("Who the caller is: name, effective role, how authenticated.");

        admin.MapPost("/me/password", async (ChangePasswordRequest body, HttpContext context, AdminAccounts accounts, IActorAccessor actors) =>
            {
                var me = AdminIdentity.From(context.User)!;
                var result = await accounts.ChangeOwnPasswordAsync(me, actors.Current, body.CurrentPassword, body.NewPassword, null, context.RequestAborted);
                return result.Succeeded ? Results.NoContent() : AccessProblems.From(result.Errors);
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).WithSummary("Changes the caller's own password (accounts only; 409 for tokens and the legacy key).");

        var users = admin.MapGroup("/users").RequireAuthorization(AdminPolicies.Superadmin);
        users.MapGet("", async (AdminAccounts accounts, CancellationToken ct) =>
            Results.Json((await accounts.ListAsync(ct)).Select(User))).WithSummary("All administrator accounts.");
        users.MapGet("/{id:long}", async (long id, AdminAccounts accounts, CancellationToken ct) =>
            await accounts.FindAsync(id, ct) is { } user ? Results.Json(User(user)) : AccessProblems.From([AdminAccounts.NotFound]));
        users.MapPost("", async (CreateUserRequest body, AdminAccounts accounts, IActorAccessor actors, CancellationToken ct) =>
            {
                var role = AdminRole.Admin;
                if (body.Role is not null && !AdminRoles.TryParse(body.Role, out role))
                    return AccessProblems.From([new Domain.DomainError("admin_user.role", $"'{body.Role}' is not a role.", "role")]);
                var result = await accounts.CreateAsync(actors.Current, body.Username, body.Password, role, ct);
                return result.Succeeded
                    ? Results.Created($"/api/v1/admin/users/{result.Value.Id}", User(result.Value))
                    : AccessProblems.From(result.Errors);
            })
            .WithSummary("Creates an administrator (role defaults to admin).");
        users.MapPatch("/{id:long}", async (long id, UpdateUserRequest body, HttpContext context, AdminAccounts accounts, IActorAccessor actors) =>
            {
                var me = AdminIdentity.From(context.User)!;
                AdminRole? role = null;
                if (body.Role is not null)
                {
                    if (!AdminRoles.TryParse(body.Role, out var parsed))
                        return AccessProblems.From([new Domain.DomainError("admin_user.role", $"'{body.Role}' is not a role.", "role")]);
                    role = parsed;
                }

                var result = await accounts.UpdateAsync(me, actors.Current, id, role, body.IsActive, context.RequestAborted);
                if (result.Succeeded && body.NewPassword is not null)
                    result = await accounts.ResetPasswordAsync(actors.Current, id, body.NewPassword, context.RequestAborted);
                return result.Succeeded ? Results.Json(User(result.Value)) : AccessProblems.From(result.Errors);
            })
            .WithSummary("Changes role, active flag and/or password. Demotion and deactivation end the account's sessions.");
        users.MapDelete("/{id:long}", async (long id, HttpContext context, AdminAccounts accounts, IActorAccessor actors) =>
            {
                var result = await accounts.DeleteAsync(AdminIdentity.From(context.User)!, actors.Current, id, context.RequestAborted);
                return result.Succeeded ? Results.NoContent() : AccessProblems.From(result.Errors);
            });
        users.MapGet("/{id:long}/grants", async (long id, AdminAccounts accounts, CancellationToken ct) =>
            await accounts.FindAsync(id, ct) is null
                ? AccessProblems.From([AdminAccounts.NotFound])
                : Results.Json(new { assetTypeIds = await accounts.GrantsAsync(id, ct) }));
        users.MapPut("/{id:long}/grants", async (long id, GrantsRequest body, AdminAccounts accounts, IActorAccessor actors, CancellationToken ct) =>
            {
                var result = await accounts.SetGrantsAsync(actors.Current, id, body.AssetTypeIds ?? [], ct);
                return result.Succeeded ? Results.Json(new { assetTypeIds = result.Value }) : AccessProblems.From(result.Errors);
            })
            .WithSummary("Replaces the account's asset-type grants; an empty list means all asset types.");

        var sessions = admin.MapGroup("/sessions").RequireAuthorization(AdminPolicies.Superadmin);
        sessions.MapGet("", async (long? userId, AdminAccounts accounts, CancellationToken ct) =>
            Results.Json((await accounts.LiveSessionsAsync(userId, ct)).Select(Session))).WithSummary("Live console sessions.");
        sessions.MapDelete("/{id:long}", async (long id, AdminAccounts accounts, IActorAccessor actors, CancellationToken ct) =>
            {
                var result = await accounts.EndSessionAsync(actors.Current, id, ct);
                return result.Succeeded ? Results.NoContent() : AccessProblems.From(result.Errors);
            })
            .WithSummary("Ends a console session at once.");

        var tokens = admin.MapGroup("/tokens").RequireAuthorization(AdminPolicies.Admin);
        tokens.MapGet("", async (ApiTokens registry, TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            return Results.Json((await registry.ListAsync(ct)).Select(t => Token(t, now)));
        }).WithSummary("All API tokens (never their secrets).");
        tokens.MapGet("/scopes", () => Results.Json(ApiTokenScopes.Catalog)).WithSummary("The scopes a token can hold.");
        tokens.MapPost("", async (CreateTokenRequest body, HttpContext context, ApiTokens registry, IActorAccessor actors, TimeProvider time) =>
            {
                var result = await registry.CreateAsync(AdminIdentity.From(context.User)!, actors.Current, body.Name, body.Scopes, body.Role, body.ExpiresInDays, context.RequestAborted);
                if (!result.Succeeded)
                    return AccessProblems.From(result.Errors);
                context.Response.Headers.CacheControl = "no-store";
                var token = result.Value.Token;
                return Results.Created($"/api/v1/admin/tokens/{token.Id}", new
                {
                    id = token.Id,
                    token = result.Value.Secret,
                    name = token.Name,
                    prefix = token.TokenPrefix,
                    scopes = token.ScopeList,
                    role = AdminRoles.Name(token.Role),
                    createdAt = token.CreatedAt,
                    expiresAt = token.ExpiresAt,
                });
            })
            .WithSummary("Creates a token. The token is in this response only.");
        tokens.MapDelete("/{id:long}", async (long id, ApiTokens registry, IActorAccessor actors, TimeProvider time, CancellationToken ct) =>
            {
                var result = await registry.RevokeAsync(actors.Current, id, ct);
                return result.Succeeded ? Results.Json(Token(result.Value, time.GetUtcNow())) : AccessProblems.From(result.Errors);
            })
            .WithSummary("Revokes a token (it stops working within seconds on every node).");
        tokens.MapDelete("/{id:long}/hard", async (long id, ApiTokens registry, IActorAccessor actors, CancellationToken ct) =>
            {
                var result = await registry.DeleteAsync(actors.Current, id, ct);
                return result.Succeeded ? Results.NoContent() : AccessProblems.From(result.Errors);
            })
            .RequireAuthorization(AdminPolicies.Superadmin).WithSummary("Deletes a revoked or expired token for good.");
        tokens.MapPost("/purge", async (PurgeRequest body, ApiTokens registry, IActorAccessor actors, CancellationToken ct) =>
            {
                if (body.OlderThanDays is not (>= 1 and <= 3650))
                    return AccessProblems.From([new Domain.DomainError("api_token.purge_days", "olderThanDays must be 1 to 3650.", "olderThanDays")]);
                return Results.Json(new { purged = await registry.PurgeAsync(actors.Current, body.OlderThanDays.Value, ct) });
            })
            .WithSummary("Deletes tokens revoked or expired more than olderThanDays ago.");
    }

    private static void MapConsoleActions(WebApplication app)
    {
        app.MapPost("/ui/logout", async ([FromForm] string? returnUrl, HttpContext context, AdminSignIn signIn) =>
            {
                await signIn.SignOutAsync(context);
                return Results.Redirect(AdminAuthenticationHandler.SignInPath + "?signedOut=1");
            })
            .AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/ui/sessions/{id:long}/end", async (long id, [FromForm] string? returnUrl, AdminAccounts accounts, IActorAccessor actors, CancellationToken ct) =>
            {
                var result = await accounts.EndSessionAsync(actors.Current, id, ct);
                return Back(returnUrl, "/ui/admin-users", result.Succeeded ? "session-ended" : "session-gone");
            })
            .RequireAuthorization(AdminPolicies.Superadmin).ExcludeFromDescription();

        app.MapPost("/ui/admin-users/{id:long}/delete", async (long id, [FromForm] string? confirm, HttpContext context, AdminAccounts accounts, IActorAccessor actors) =>
            {
                var result = await accounts.DeleteAsync(AdminIdentity.From(context.User)!, actors.Current, id, context.RequestAborted);
                return result.Succeeded
                    ? Results.Redirect("/ui/admin-users?done=deleted")
                    : Results.Redirect($"/ui/admin-users/{id}?error={Uri.EscapeDataString(result.Errors[0].Message)}");
            })
            .RequireAuthorization(AdminPolicies.Superadmin).ExcludeFromDescription();

        app.MapPost("/ui/api-tokens/{id:long}/revoke", async (long id, [FromForm] string? returnUrl, ApiTokens registry, IActorAccessor actors, CancellationToken ct) =>
            {
                var result = await registry.RevokeAsync(actors.Current, id, ct);
                return Back(returnUrl, "/ui/api-tokens", result.Succeeded ? "revoked" : "missing");
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();

        app.MapPost("/ui/api-tokens/{id:long}/delete", async (long id, [FromForm] string? returnUrl, ApiTokens registry, IActorAccessor actors, CancellationToken ct) =>
            {
                var result = await registry.DeleteAsync(actors.Current, id, ct);
                return Back(returnUrl, "/ui/api-tokens", result.Succeeded ? "deleted" : "not-deleted");
            })
            .RequireAuthorization(AdminPolicies.Superadmin).ExcludeFromDescription();

        app.MapPost("/ui/api-tokens/purge", async ([FromForm] int? olderThanDays, ApiTokens registry, IActorAccessor actors, CancellationToken ct) =>
            {
                if (olderThanDays is not (>= 1 and <= 3650))
                    return Results.Redirect("/ui/api-tokens?done=purge-invalid");
                var purged = await registry.PurgeAsync(actors.Current, olderThanDays.Value, ct);
                return Results.Redirect($"/ui/api-tokens?done=purged&count={purged}");
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
    }

    private static IResult Back(string? returnUrl, string fallback, string done)
    {
        var target = WebShell.IsLocalPath(returnUrl) ? returnUrl! : fallback;
        return Results.Redirect(target + (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "done=" + done);
    }
}
