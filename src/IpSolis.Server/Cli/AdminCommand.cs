using System.CommandLine;
using IpSolis.Domain.Access;
using IpSolis.Server.Features.Administration;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Cli;

/// <summary>
/// <c>ipsolis admin create-user --username NAME --role ROLE --password-stdin</c>: creates an administrator for
/// automation (the first one included), reading the password from standard input so it never shows in a process list.
/// </summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var username = new Option<string>("--username") { Description = "3–128 characters of a-z 0-9 . _ @ - (stored in lower case).", Required = true };
        var role = new Option<string>("--role") { Description = "superadmin, admin, approver, auditor or helpdesk.", DefaultValueFactory = _ => "admin" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (required)." };
        var createUser = new Command("create-user", "Create an administrator account.") { username, role, passwordStdin };
        createUser.SetAction((result, cancellationToken) => CreateUserAsync(
            result.GetValue(username)!, result.GetValue(role)!, result.GetValue(passwordStdin), cancellationToken));
        return new Command("admin", "Manage administrator accounts.") { createUser };
    }

    private static async Task<int> CreateUserAsync(string username, string roleText, bool passwordStdin, CancellationToken cancellationToken)
    {
        if (!passwordStdin)
            return CommandOutput.Fail("pass the password on standard input with --password-stdin (never on the command line).");
        if (!AdminRoles.TryParse(roleText, out var role))
            return CommandOutput.Fail($"'{roleText}' is not a role; use superadmin, admin, approver, auditor or helpdesk.");
        var password = (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
        if (string.IsNullOrEmpty(password))
            return CommandOutput.Fail("no password on standard input.");

        await using var app = CommandOutput.BuildValidated([]);
        if (app is null)
            return CommandOutput.Failure;
        var migrations = app.Services.GetRequiredService<DatabaseMigrations>();
        try
        {
            var status = await migrations.GetStatusAsync(cancellationToken);
            if (status.Pending.Count > 0)
                return CommandOutput.Fail("the database schema is not current; run 'ipsolis migrate' first.");
            var accounts = app.Services.GetRequiredService<AdminAccounts>();
            var created = await accounts.CreateAsync(AuditActor.System("cli"), username, password, role, cancellationToken);
            if (!created.Succeeded)
                return CommandOutput.Fail(created.Errors.Select(e => e.Message));
            Console.WriteLine($"created {AdminRoles.Name(created.Value.Role)} '{created.Value.Username}' (id {created.Value.Id})");
            return CommandOutput.Success;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return CommandOutput.Fail($"cannot reach the database: {ex.GetBaseException().Message}");
        }
    }
}
