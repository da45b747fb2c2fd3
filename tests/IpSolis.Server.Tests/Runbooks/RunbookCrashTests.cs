using System.Text.Json;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Features.Runbooks;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Runbooks;

/// <summary>
/// <c>kill -9</c> of the node running an order's runbook: after a restart the order completes, steps that finished
/// never run again, and the interrupted step runs again only when its retry policy allows it.
/// </summary>
public sealed class RunbookCrashTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _scratch = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await IpSolisFactory.MigrateAsync(_database);
        _scratch = Directory.CreateTempSubdirectory("ipsolis-runbook-crash-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Theory]
    [InlineData(1, OrderStatus.Provisioned)]
    [InlineData(0, OrderStatus.Failed)]
    public async Task KilledWorker_MidStep_OrderResumesAndNoFinishedStepRunsTwice(int retriesOfInterruptedStep, OrderStatus expected)
    {
        var marks = Path.Combine(_scratch, "marks");
        var orderId = await SeedAsync(marks, retriesOfInterruptedStep);
        var environment = _database.EnvironmentVariables();
        environment["IPSOLIS_Jobs__LeaseSeconds"] = "5";
        environment["IPSOLIS_Jobs__HeartbeatSeconds"] = "2";
        environment["IPSOLIS_Logging__LogLevel__Default"] = "Warning";

        var port = IpSolisProcess.FreePort();
        await using (var first = IpSolisProcess.Start(_database.Directory, environment, "serve", "--urls", $"http://127.0.0.1:{port}"))
        {
            await first.WaitUntilReadyAsync($"http://127.0.0.1:{port}/livez", TimeSpan.FromSeconds(90));
            // The second step writes its mark, then sleeps: the node dies while it runs.
            await WaitForAsync(async () => (await MarksAsync(marks)).Contains("second"), TimeSpan.FromSeconds(90), "the second step to start");
            first.KillHard();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        var port2 = IpSolisProcess.FreePort();
        await using var second = IpSolisProcess.Start(_database.Directory, environment, "serve", "--urls", $"http://127.0.0.1:{port2}");
        await second.WaitUntilReadyAsync($"http://127.0.0.1:{port2}/livez", TimeSpan.FromSeconds(90));
        Order? order = null;
        await WaitForAsync(async () => (order = await OrderAsync(orderId)).Status == expected, TimeSpan.FromSeconds(120), $"the order to become {expected}");

        var lines = await MarksAsync(marks);
        lines.Count(l => l == "first").Should().Be(1, "a finished step never runs again");
        if (expected == OrderStatus.Provisioned)
        {
            lines.Count(l => l == "second").Should().Be(2, "the interrupted step's policy allows one more attempt");
            lines.Count(l => l == "third").Should().Be(1);
        }
        else
        {
            lines.Count(l => l == "second").Should().Be(1, "a step without retries is not run again after an interruption");
            lines.Should().NotContain("third");
            order!.ErrorMessage.Should().Contain("was interrupted").And.Contain("Check its effect");
        }
    }

    private async Task<long> SeedAsync(string marks, int retries)
    {
        await using var db = Context();
        var now = DateTimeOffset.UtcNow;
        var type = new AssetType
        {
            Name = "Crash VDI", AssignmentModel = AssignmentModel.AssignedPersonal, PersonalProvisioningStrategy = PersonalProvisioningStrategy.AssignExistingFree,
            DeprovisionPolicy = DeprovisionPolicy.ReturnToPool, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(type);
        await db.SaveChangesAsync();
        var module = new ScriptModule
        {
            Name = "Test - Mark", Interpreter = "bash", CreatedAt = now, UpdatedAt = now,
            // Sleeps only on its first attempt, so an attempt after the crash finishes at once.
            Content = "echo \"$Mark\" >> \"$File\"; if [ \"$(grep -c \"^$Mark\\$\" \"$File\")\" -le 1 ]; then sleep \"$Sleep\"; fi; echo '{\"marked\":true}'",
            ParametersJson = RunbookJson.Write(new[]
            {
                new ParameterDefinition("Mark", ParameterType.String, true), new ParameterDefinition("File", ParameterType.String, true),
                new ParameterDefinition("Sleep", ParameterType.Int, Default: "0"),
            }),
        };
        db.Add(module);
        await db.SaveChangesAsync();
        RunbookStep Step(int position, string mark, int sleep, int stepRetries) => new()
        {
            Position = position, Name = mark, Module = ScriptStepRunner.ModuleKey, ScriptModuleId = module.Id, Retries = stepRetries, BackoffSeconds = 0, TimeoutSeconds = 300,
            ParametersJson = RunbookJson.Write(new Dictionary<string, string> { ["Mark"] = mark, ["File"] = marks, ["Sleep"] = sleep.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        };
        db.Add(new Runbook
        {
            Name = "Crash provision", AssetTypeId = type.Id, Action = RunbookAction.Provision, CreatedAt = now, UpdatedAt = now,
            Steps = [Step(1, "first", 0, 0), Step(2, "second", 120, retries), Step(3, "third", 0, 0)],
        });
        var asset = new PoolAsset { Name = "CRASH-1", AssetTypeId = type.Id, Status = PoolAssetStatus.Free, StatusChangedAt = now, CreatedAt = now, UpdatedAt = now };
        db.Add(asset);
        await db.SaveChangesAsync();
        var order = new Order
        {
            AssetTypeId = type.Id, Action = OrderAction.Provision, Status = OrderStatus.Processing, RequesterEmail = "crash@example.com", PlacedBy = "system:test",
            Source = "system", RequestedFrom = now, RequestedUntil = now.AddDays(5), CreatedAt = now, UpdatedAt = now,
        };
        db.Add(order);
        await db.SaveChangesAsync();
        db.Add(new Job
        {
            Kind = OrderRunner.Kind, Queue = JobQueues.Provision, Payload = JsonSerializer.Serialize(new OrderRunPayload(order.Id), JobPayloads.Json),
            State = Domain.Jobs.JobState.Pending, RunAt = now, MaxAttempts = 5, UniqueKey = $"{OrderRunner.Kind}:{order.Id}", CreatedAt = now,
        });
        await db.SaveChangesAsync();
        return order.Id;
    }

    private IpSolisDbContext Context()
    {
        var options = new DatabaseOptions
        {
            Provider = _database.IsPostgres ? "Postgres" : "Sqlite",
            ConnectionString = _database.PostgresConnectionString,
            SqlitePath = _database.SqlitePath,
        };
        var (connection, problem) = DatabaseConnection.Resolve(options);
        var builder = new DbContextOptionsBuilder<IpSolisDbContext>();
        DataServices.Configure(builder, connection ?? throw new InvalidOperationException(problem), options, writeGate: null);
        return new IpSolisDbContext(builder.Options);
    }

    private async Task<Order> OrderAsync(long id)
    {
        await using var db = Context();
        return await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == id);
    }

    private static async Task<List<string>> MarksAsync(string path) =>
        File.Exists(path) ? [.. (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0)] : [];

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
