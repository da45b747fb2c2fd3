using System.Net;
using System.Text.Json;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Runbooks;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Runbooks;

/// <summary>The directory steps with the local directory (the default source): group deletion, and computer accounts refused.</summary>
public sealed class LocalDirectoryStepTests : IAsyncLifetime
{
    private RunbookHost _host = null!;

    public async Task InitializeAsync() => _host = await RunbookHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static object Step(string name, string module, object parameters) =>
        new { name, module, parameters, retries = 0, timeoutSeconds = 60, critical = true, alwaysRun = false, backoffSeconds = 0 };

    private async Task<(RunbookRun Run, List<RunbookRunStep> Steps)> RunAsync(long runbookId)
    {
        var response = await _host.Api.PostAsync($"/api/v1/runbooks/{runbookId}/runs", null);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var run = await _host.WaitForRunAsync((await AccessFixtures.JsonAsync(response)).GetProperty("id").GetInt64());
        return (run, await _host.StepsAsync(run.Id));
    }

    [Fact]
    public async Task DeleteGroup_LocalGroupWithAMember_IsDeletedWithItsMemberships_AndAReRunSaysItIsGone()
    {
        var directory = _host.Orders.Factory.Services.GetRequiredService<LocalDirectory>();
        var actor = Platform.Audit.AuditActor.System("test");
        (await directory.AddPersonAsync(actor, new DirectoryEntry("ann@example.com", "Ann"), CancellationToken.None)).Succeeded.Should().BeTrue();
        var id = await _host.AddRunbookAsync(new
        {
            name = "Group lifecycle",
            steps = new[]
            {
                Step("create", "directory.create_group", new { Name = "vdi-pool-42" }),
                Step("add", "directory.add_member", new { Group = "{{steps.create.group}}", Email = "ann@example.com" }),
                Step("delete", "directory.delete_group", new { Group = "{{steps.create.group}}" }),
            },
        });

        var (run, steps) = await RunAsync(id);

        run.Status.Should().Be(RunbookRunStatus.Succeeded, run.Error);
        JsonSerializer.Deserialize<Dictionary<string, string>>(steps[2].OutputsJson).Should().Contain("deleted", "true");
        (await _host.Orders.QueryAsync(db => db.Set<DirectoryGroup>())).Should().BeEmpty();
        (await _host.Orders.QueryAsync(db => db.Set<DirectoryMembership>())).Should().BeEmpty();
        (await AccessFixtures.AuditAsync(_host.Orders.Factory)).Should().ContainSingle(a => a.Action == "directory_group.deleted");

        var again = await _host.AddRunbookAsync(new { name = "Delete again", steps = new[] { Step("delete", "directory.delete_group", new { Group = "vdi-pool-42" }) } });
        var (rerun, rerunSteps) = await RunAsync(again);

        rerun.Status.Should().Be(RunbookRunStatus.Succeeded, rerun.Error);
        var outputs = JsonSerializer.Deserialize<Dictionary<string, string>>(rerunSteps[0].OutputsJson)!;
        outputs["deleted"].Should().Be("false");
        outputs["message"].Should().Contain("does not exist");
    }

    [Fact]
    public async Task ComputerSteps_WithTheLocalDirectory_FailWithAClearMessage()
    {
        var id = await _host.AddRunbookAsync(new { name = "Computer", steps = new[] { Step("create", "directory.create_computer", new { Name = "PC-1", OuDn = "ou=computers,dc=example,dc=com" }) } });

        var (run, steps) = await RunAsync(id);

        run.Status.Should().Be(RunbookRunStatus.Failed);
        steps[0].Error.Should().Contain("the local directory has none");
    }
}
