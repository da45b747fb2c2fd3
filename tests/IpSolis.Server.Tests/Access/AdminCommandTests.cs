using System.Diagnostics;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Access;

/// <summary><c>ipsolis admin create-user</c> through the real executable, password on standard input.</summary>
public sealed class AdminCommandTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await IpSolisFactory.MigrateAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task CreateUser_ReadsThePasswordFromStdin_AndCreatesTheAccount()
    {
        var (exitCode, output) = await RunAsync(AccessFixtures.Password + "\n", "admin", "create-user", "--username", "Robot.Ops", "--role", "superadmin", "--password-stdin");

        exitCode.Should().Be(0, output);
        output.Should().Contain("created superadmin 'robot.ops'");
        await using var db = await Contexts();
        var user = await db.Set<AdminUser>().SingleAsync();
        user.Role.Should().Be(AdminRole.Superadmin);
        user.PasswordHash.Should().StartWith("pbkdf2_sha256$600000$");
    }

    [Fact]
    public async Task CreateUser_RefusesAShortPassword_AnUnknownRole_AndAMissingStdinFlag()
    {
        (await RunAsync("short\n", "admin", "create-user", "--username", "ops", "--password-stdin")).ExitCode.Should().Be(1);
        (await RunAsync(AccessFixtures.Password + "\n", "admin", "create-user", "--username", "ops", "--role", "root", "--password-stdin")).ExitCode.Should().Be(1);
        var (exitCode, output) = await RunAsync(AccessFixtures.Password + "\n", "admin", "create-user", "--username", "ops");
        exitCode.Should().Be(1);
        output.Should().Contain("--password-stdin");
        await using var db = await Contexts();
        (await db.Set<AdminUser>().CountAsync()).Should().Be(0);
    }

    private Task<Platform.Data.IpSolisDbContext> Contexts()
    {
        var options = new Platform.Data.DatabaseOptions
        {
            Provider = _database.IsPostgres ? "Postgres" : "Sqlite",
            ConnectionString = _database.PostgresConnectionString,
            SqlitePath = _database.SqlitePath,
        };
        var (connection, _) = Platform.Data.DatabaseConnection.Resolve(options);
        var builder = new DbContextOptionsBuilder<Platform.Data.IpSolisDbContext>();
        Platform.Data.DataServices.Configure(builder, connection!, options, writeGate: null);
        return Task.FromResult(new Platform.Data.IpSolisDbContext(builder.Options));
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _database.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestEnvironment.BinDirectory, "ipsolis.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("IPSOLIS_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k is "DATABASE_URL" or "API_SECRET_KEY" or "ADMIN_API_KEY" or "DOTNET_ENVIRONMENT").ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in _database.EnvironmentVariables())
            start.Environment[key] = value;

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
