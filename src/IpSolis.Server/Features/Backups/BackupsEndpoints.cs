using IpSolis.Server.Features.Maintenance;
using IpSolis.Server.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace IpSolis.Server.Features.Backups;

/// <summary>
/// <c>/api/v1/admin/backups</c> and the form posts of <c>/ui/maintenance/backups</c> (Post/Redirect/Get). Listing and
/// taking a backup need an admin; restoring and switching maintenance mode need a superadmin.
/// </summary>
public static class BackupsEndpoints
{
    public const string PagePath = "/ui/maintenance/backups";

    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        var backups = api.MapGroup("/admin/backups").WithTags("Backups");
        backups.MapGet("", async (Backups service, CancellationToken ct) =>
                Results.Json((await service.ListAsync(ct)).Select(b => new
                {
                    name = b.Name,
                    sizeBytes = b.SizeBytes,
                    createdAt = b.CreatedAt,
                    encrypted = b.Encrypted,
                    schemaVersion = b.Manifest?.SchemaVersion,
                    productVersion = b.Manifest?.ProductVersion,
                    provider = b.Manifest?.Provider,
                    trigger = b.Manifest?.Trigger,
                })))
            .RequireAuthorization(AdminPolicies.Admin)
            .WithSummary("The backups in the backup directory, newest first.");
        backups.MapPost("", (BackupRequestBody? body, BackupOperations operations, IActorAccessor actors) =>
                operations.StartBackup(Blank(body?.Passphrase), actors.Current) is { } started
                    ? Results.Json(OperationJson(started), statusCode: StatusCodes.Status202Accepted)
                    : Busy())
            .RequireAuthorization(AdminPolicies.Admin)
            .WithSummary("Starts a backup (optionally encrypted with a passphrase that is never stored); poll the operation for progress.");
        backups.MapPost("/{name}/restore", (string name, BackupRequestBody? body, Backups service, BackupOperations operations, IActorAccessor actors) =>
            {
                if (service.PathOf(name) is not { } path)
                    return NotFound(name);
                if (!string.Equals(body?.Confirm, name, StringComparison.Ordinal))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Confirm the restore by repeating the backup's file name in 'confirm'.",
                        extensions: new Dictionary<string, object?> { ["code"] = "backup.confirm_required", ["field"] = "confirm" });
                }

                return operations.StartRestore(path, Blank(body?.Passphrase), actors.Current) is { } started
                    ? Results.Json(OperationJson(started), statusCode: StatusCodes.Status202Accepted)
                    : Busy();
            })
            .RequireAuthorization(AdminPolicies.Superadmin)
            .WithSummary("Restores a backup: checks it, enters maintenance mode, takes a safety backup, restores, migrates, verifies the audit chain, leaves maintenance mode.");
        backups.MapGet("/operations/{id}", (string id, BackupOperations operations) =>
                operations.Find(id) is { } operation ? Results.Json(OperationJson(operation))
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no backup operation {id} on this node.",
                        extensions: new Dictionary<string, object?> { ["code"] = "backup.operation_not_found" }))
            .RequireAuthorization(AdminPolicies.Admin)
            .WithSummary("Progress of a backup or restore started on this node.");

        // The page's forms: antiforgery is validated because they bind form fields.
        app.MapPost(PagePath + "/create", ([FromForm] string? passphrase, [FromForm] string? passphraseRepeat, BackupOperations operations, IActorAccessor actors) =>
            {
                if (!string.Equals(Blank(passphrase), Blank(passphraseRepeat), StringComparison.Ordinal))
                    return Results.Redirect(PagePath + "?error=passphrase-mismatch");
                return operations.StartBackup(Blank(passphrase), actors.Current) is { } started
                    ? Results.Redirect($"{PagePath}?op={started.Id}")
                    : Results.Redirect(PagePath + "?error=busy");
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
        app.MapPost(PagePath + "/restore", ([FromForm] string? name, [FromForm] string? confirm, [FromForm] string? passphrase, Backups service, BackupOperations operations, IActorAccessor actors) =>
            {
                if (name is null || service.PathOf(name) is not { } path)
                    return Results.Redirect(PagePath + "?error=not-found");
                if (!string.Equals(confirm?.Trim(), name, StringComparison.Ordinal))
                    return Results.Redirect(PagePath + "?error=confirm&name=" + Uri.EscapeDataString(name));
                return operations.StartRestore(path, Blank(passphrase), actors.Current) is { } started
                    ? Results.Redirect($"{PagePath}?op={started.Id}")
                    : Results.Redirect(PagePath + "?error=busy");
            })
            .RequireAuthorization(AdminPolicies.Superadmin).ExcludeFromDescription();
        app.MapPost(PagePath + "/maintenance", async ([FromForm] string? enabled, MaintenanceMode maintenance, IActorAccessor actors, CancellationToken ct) =>
            {
                if (enabled is not ("on" or "off"))
                    return Results.Redirect(PagePath + "?error=maintenance-value");
                await maintenance.SetAsync(enabled == "on", actors.Current, ct);
                return Results.Redirect(PagePath + "?done=maintenance-" + enabled);
            })
            .RequireAuthorization(AdminPolicies.Superadmin).ExcludeFromDescription();
    }

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static object OperationJson(BackupOperation o) => new
    {
        id = o.Id,
        kind = o.Kind,
        file = o.File,
        startedBy = o.StartedBy,
        startedAt = o.StartedAt,
        percent = o.Percent,
        step = o.Step,
        finished = o.Finished,
        succeeded = o.Succeeded,
        message = o.Message,
    };

    private static IResult Busy() => Results.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "A backup or restore is already running on this node; wait until it finishes.",
        extensions: new Dictionary<string, object?> { ["code"] = "backup.busy" });

    private static IResult NotFound(string name) => Results.Problem(statusCode: StatusCodes.Status404NotFound,
        title: $"There is no backup named {name} in the backup directory.",
        extensions: new Dictionary<string, object?> { ["code"] = "backup.not_found", ["field"] = "name" });
}

/// <summary>The body of a backup or restore request.</summary>
/// <param name="Passphrase">Encrypts a new backup, or decrypts the one to restore. Never stored or logged.</param>
/// <param name="Confirm">For a restore: the backup's file name again.</param>
public sealed record BackupRequestBody(string? Passphrase, string? Confirm);
