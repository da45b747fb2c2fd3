using System.Net;
using System.Net.Http.Json;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Runbooks;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Runbooks;

/// <summary>Runbooks through the real host: order provisioning with script steps, policies, retries, cancel, timeouts and secrets.</summary>
public sealed class RunbookExecutionTests : IAsyncLifetime
{
    private const string Secret = "S3cr3t-Pa55/word+xyz";
    private RunbookHost _host = null!;
    private string _scratch = null!;

    public async Task InitializeAsync()
    {
        _host = await RunbookHost.StartAsync(new Dictionary<string, string?> { ["Runbooks:Interpreters:pwsh"] = "ipsolis-no-such-pwsh" });
        _scratch = Directory.CreateTempSubdirectory("ipsolis-runbook-test-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    private static object Step(string name, string module, object parameters, long? scriptModuleId = null, int retries = 0, int timeoutSeconds = 60,
        bool critical = true, bool alwaysRun = false, int backoffSeconds = 0) =>
        new { name, module, scriptModuleId, parameters, retries, timeoutSeconds, critical, alwaysRun, backoffSeconds };

    private async Task<RunbookRun> StartStandaloneAsync(string name, params object[] steps)
    {
        var id = await _host.AddRunbookAsync(new { name, steps });
        var response = await _host.Api.PostAsync($"/api/v1/runbooks/{id}/runs", null);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var runId = (await AccessFixtures.JsonAsync(response)).GetProperty("id").GetInt64();
        return await _host.WaitForRunAsync(runId);
    }

    [Fact]
    public async Task Provision_TypeWithBashRunbook_RunsTheScriptWithBoundValuesAndProvisions()
    {
        var type = await _host.Orders.AddTypeAsync("Scripted VDI");
        await _host.Orders.AddAssetsAsync(type.Id, 1, "VDI");
        var module = await _host.AddModuleAsync("Test - Provision", """
            #!/usr/bin/env bash
            set -eu
            echo "provisioning $VMName for $Owner"
            test "$(jq -r .VMName "$IPSOLIS_PARAMS_FILE")" = "$VMName"
            printf '{"hostname":"%s-host","owner":"%s"}\n' "$VMName" "$Owner"
            """, [new { name = "VMName", type = "string", required = true }, new { name = "Owner", type = "string" }]);
        await _host.AddRunbookAsync(new
        {
            name = "Provision scripted VDI", assetTypeId = type.Id, action = "provision",
            steps = new[]
            {
                Step("prefix", "core.set_variable", new { Name = "tag", Value = "order-{{order.id}}" }),
                Step("provision", "script", new { VMName = "{{asset.name}}", Owner = "{{order.requester_email}}/{{steps.prefix.tag}}" }, module),
            },
        });

        var orderId = await _host.PlaceAsync(type.Id);
        var order = await _host.WaitForOrderAsync(orderId, OrderStatus.Provisioned);

        var run = await _host.LatestRunForOrderAsync(orderId);
        run.Status.Should().Be(RunbookRunStatus.Succeeded);
        var steps = await _host.StepsAsync(run.Id);
        steps.Select(s => s.Status).Should().Equal(RunbookStepStatus.Succeeded, RunbookStepStatus.Succeeded);
        var outputs = RunbookJson.Parameters(steps[1].OutputsJson);
        outputs["hostname"].Should().Be("VDI-0001-host");
        outputs["owner"].Should().Be($"ann@example.com/order-{orderId}");
        steps[1].Log.Should().Contain("provisioning VDI-0001 for ann@example.com");
        steps[1].Attempts.Should().Be(1);
        var orderSteps = await _host.Orders.QueryAsync(db => db.Set<OrderStep>().Where(s => s.OrderId == orderId).OrderBy(s => s.Position));
        orderSteps.Should().Contain(s => s.Code == "runbook" && s.Status == StepStatus.Succeeded);
        (await _host.Orders.AssetAsync(order.AssignedAssetId!.Value)).Status.Should().Be(PoolAssetStatus.Busy);
    }

    [Fact]
    public async Task ScriptStep_Timeout_KillsTheWholeProcessTree()
    {
        var pidFile = Path.Combine(_scratch, "pids");
        var module = await _host.AddModuleAsync("Test - Hang", """
            sleep 300 &
            echo $! > "$PidFile"
            bash -c 'sleep 301' &
            echo $! >> "$PidFile"
            echo started
            sleep 302
            """, [new { name = "PidFile", type = "string", required = true }]);

        var run = await StartStandaloneAsync("Hangs", Step("hang", "script", new { PidFile = pidFile }, module, timeoutSeconds: 2));

        run.Status.Should().Be(RunbookRunStatus.Failed);
        var step = (await _host.StepsAsync(run.Id)).Single();
        step.Error.Should().Contain("timed out after 2 s").And.Contain("process tree was killed");
        var pids = (await File.ReadAllLinesAsync(pidFile)).Select(int.Parse).ToList();
        pids.Should().HaveCount(2);
        foreach (var pid in pids)
            (await GoneAsync(pid)).Should().BeTrue($"process {pid} started by the script must be killed with it");
    }

    /// <summary>True once the process no longer exists or is a zombie waiting for its reaper.</summary>
    private static async Task<bool> GoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var stat = $"/proc/{pid}/stat";
            string? text = null;
            try
            {
                text = await File.ReadAllTextAsync(stat);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return true;
            }

            if (text.Split(") ").Last().StartsWith('Z'))
                return true;
            await Task.Delay(100);
        }

        return false;
    }

    [Fact]
    public async Task SecretVariable_GivenToAScript_AppearsNowhere()
    {
        var put = await _host.Api.PutAsJsonAsync("/api/v1/runbook-variables/svc_password", new { value = Secret, isSecret = true, description = "service account" });
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var module = await _host.AddModuleAsync("Test - Leaky", """
            echo "password is $Password"
            echo "on stderr: $Password" >&2
            printf '%s' "$Password" | base64
            printf '{"echo":"%s","url":"https://h/?p=%s"}\n' "$Password" "$(jq -rn --arg p "$Password" '$p|@uri')"
            """, [new { name = "Password", type = "string", required = true }]);
        var run = await StartStandaloneAsync("Leaks", Step("leak", "script", new { Password = "{{vars.svc_password}}" }, module),
            Step("fail", "script", new { Password = "x{{vars.svc_password}}" }, await _host.AddModuleAsync("Test - Fails loudly",
                "echo \"boom $Password\" >&2; exit 4", [new { name = "Password", type = "string", required = true }])));

        run.Status.Should().Be(RunbookRunStatus.Failed);
        var steps = await _host.StepsAsync(run.Id);
        steps[0].Log.Should().Contain("password is " + SecretMask.Mask);
        RunbookJson.Parameters(steps[0].OutputsJson)["echo"].Should().Be(SecretMask.Mask);
        steps[1].Error.Should().Contain("boom x" + SecretMask.Mask);

        var everything = new List<string>
        {
            await (await _host.Api.GetAsync($"/api/v1/runbook-runs/{run.Id}")).Content.ReadAsStringAsync(),
            await (await _host.Api.GetAsync("/api/v1/runbook-variables")).Content.ReadAsStringAsync(),
            await (await _host.Api.GetAsync("/api/v1/runbooks")).Content.ReadAsStringAsync(),
        };
        await using (var db = await AccessFixtures.Contexts(_host.Orders.Factory).CreateDbContextAsync())
        {
            everything.AddRange((await db.Set<RunbookRunStep>().AsNoTracking().ToListAsync()).Select(s => $"{s.Log}|{s.OutputsJson}|{s.Error}"));
            everything.AddRange((await db.Set<RunbookRun>().AsNoTracking().ToListAsync()).Select(r => $"{r.Error}|{r.Notes}|{r.PlanJson}"));
            everything.AddRange((await db.Set<RunbookVariable>().AsNoTracking().ToListAsync()).Select(v => v.Value));
        }

        everything.AddRange((await AccessFixtures.AuditAsync(_host.Orders.Factory)).Select(a => System.Text.Json.JsonSerializer.Serialize(a)));
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Secret));
        foreach (var text in everything)
        {
            text.Should().NotContain(Secret).And.NotContain(encoded).And.NotContain(Uri.EscapeDataString(Secret));
        }

        everything.Should().Contain(t => t.Contains(SecretMask.Mask), "the masked places are the ones inspected");
    }

    [Fact]
    public async Task FailedOrder_Retried_ResumesAtTheFailedStepWithoutRepeatingEarlierOnes()
    {
        var type = await _host.Orders.AddTypeAsync("Flaky VDI");
        await _host.Orders.AddAssetsAsync(type.Id, 1, "FLAKY");
        var counter = Path.Combine(_scratch, "counter");
        var flag = Path.Combine(_scratch, "flag");
        var count = await _host.AddModuleAsync("Test - Count", "echo x >> \"$File\"; echo '{\"counted\":true}'", [new { name = "File", type = "string", required = true }]);
        var gate = await _host.AddModuleAsync("Test - Gate", "if [ -f \"$Flag\" ]; then echo '{\"open\":true}'; else echo 'not yet' >&2; exit 3; fi",
            [new { name = "Flag", type = "string", required = true }]);
        await _host.AddRunbookAsync(new
        {
            name = "Flaky provision", assetTypeId = type.Id, action = "provision",
            steps = new[] { Step("count", "script", new { File = counter }, count), Step("gate", "script", new { Flag = flag }, gate) },
        });

        var orderId = await _host.PlaceAsync(type.Id, "bob@example.com");
        var failed = await _host.WaitForOrderAsync(orderId, OrderStatus.Failed);
        failed.ErrorMessage.Should().Contain("Step 'gate' failed").And.Contain("Exit code 3: not yet");

        await File.WriteAllTextAsync(flag, "open");
        var retry = await _host.Api.PostAsync($"/api/v1/orders/{orderId}/retry", null);
        retry.IsSuccessStatusCode.Should().BeTrue(await retry.Content.ReadAsStringAsync());
        await _host.WaitForOrderAsync(orderId, OrderStatus.Provisioned);

        (await File.ReadAllLinesAsync(counter)).Should().HaveCount(1, "the step that succeeded is carried over, not run again");
        var run = await _host.LatestRunForOrderAsync(orderId);
        run.RetryOfRunId.Should().NotBeNull();
        var steps = await _host.StepsAsync(run.Id);
        steps[0].CarriedOver.Should().BeTrue();
        steps[1].Status.Should().Be(RunbookStepStatus.Succeeded);
    }

    [Fact]
    public async Task Policies_NonCriticalFailureContinues_CriticalFailureSkipsTheRestButAlwaysRunSteps()
    {
        var fail = await _host.AddModuleAsync("Test - Exit", "exit $Code", [new { name = "Code", type = "int", required = true }]);
        var run = await StartStandaloneAsync("Policies",
            Step("optional", "script", new { Code = "1" }, fail, critical: false),
            Step("critical", "script", new { Code = "2" }, fail, retries: 2),
            Step("skipped", "core.log", new { Message = "never" }),
            Step("cleanup", "core.log", new { Message = "cleaning up" }, alwaysRun: true));

        run.Status.Should().Be(RunbookRunStatus.Failed);
        run.Error.Should().Contain("Step 'critical' failed");
        var steps = await _host.StepsAsync(run.Id);
        steps.Select(s => s.Status).Should().Equal(RunbookStepStatus.Failed, RunbookStepStatus.Failed, RunbookStepStatus.Skipped, RunbookStepStatus.Succeeded);
        steps[1].Attempts.Should().Be(3, "two retries after the first attempt");
        steps[3].Log.Should().Contain("cleaning up");
    }

    [Fact]
    public async Task StopRun_FromAStep_SkipsTheRestAndSucceedsWithTheReason()
    {
        var stop = await _host.AddModuleAsync("Test - Stop", "echo '{\"stop_run\":true,\"stop_reason\":\"nothing to recycle\"}'");
        var run = await StartStandaloneAsync("Stops", Step("stop", "script", new { }, stop), Step("after", "core.log", new { Message = "x" }));
        run.Status.Should().Be(RunbookRunStatus.Succeeded);
        run.Notes.Should().Be("nothing to recycle");
        (await _host.StepsAsync(run.Id))[1].Status.Should().Be(RunbookStepStatus.Skipped);
    }

    [Fact]
    public async Task Cancel_RunningRun_KillsTheStepAndRefusesASecondStartWhileRunning()
    {
        var module = await _host.AddModuleAsync("Test - Sleep", "echo sleeping; sleep 300");
        var id = await _host.AddRunbookAsync(new { name = "Sleeper", skipIfRunning = true, steps = new[] { Step("sleep", "script", new { }, module, timeoutSeconds: 600) } });
        var start = await _host.Api.PostAsync($"/api/v1/runbooks/{id}/runs", null);
        var runId = (await AccessFixtures.JsonAsync(start)).GetProperty("id").GetInt64();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await _host.StepsAsync(runId))[0].Status != RunbookStepStatus.Running)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the step starts");
            await Task.Delay(50);
        }

        var second = await _host.Api.PostAsync($"/api/v1/runbooks/{id}/runs", null);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync()).Should().Contain("still pending or running");

        var cancel = await _host.Api.PostAsync($"/api/v1/runbook-runs/{runId}/cancel", null);
        cancel.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var run = await _host.WaitForRunAsync(runId, TimeSpan.FromSeconds(30));
        run.Status.Should().Be(RunbookRunStatus.Cancelled);
        (await _host.StepsAsync(runId))[0].Status.Should().Be(RunbookStepStatus.Cancelled);
    }

    [Fact]
    public async Task MissingInterpreter_FailsTheStepWithAClearError()
    {
        var module = await _host.AddModuleAsync("Test - PowerShell", "Write-Output '{}'", interpreter: "pwsh");
        var run = await StartStandaloneAsync("PowerShell", Step("ps", "script", new { }, module));
        run.Status.Should().Be(RunbookRunStatus.Failed);
        (await _host.StepsAsync(run.Id))[0].Error.Should().Contain("'pwsh'").And.Contain("not installed on this node");
    }

    [Fact]
    public async Task SaveRunbook_BadInput_IsRefusedByFieldAndChangesNothing()
    {
        var response = await _host.Api.PostAsJsonAsync("/api/v1/runbooks", new
        {
            name = "Broken",
            steps = new object[]
            {
                Step("a", "core.set_variable", new { Name = "x", Value = "{{order.id" }),
                Step("b", "core.log", new { Message = "{{steps.later.x}}" }),
                Step("b", "no.such.module", new { }),
                Step("later", "core.log", new { Nope = "1" }, timeoutSeconds: 0),
            },
            cronExpression = "not cron",
            scheduleEnabled = true,
        });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await AccessFixtures.JsonAsync(response);
        var errors = problem.GetProperty("errors");
        // The problem writer camel-cases each field key's first letter after a dot; compare ignoring case.
        var fields = errors.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var field in new[] { "steps[0].parameters.Value", "steps[1].parameters.Message", "steps[2].name", "steps[2].module", "steps[3].parameters.Nope", "steps[3].timeoutSeconds", "cronExpression" })
            fields.Should().Contain(field, $"{field} is named in {errors}");
        (await _host.Orders.QueryAsync(db => db.Set<Runbook>())).Should().BeEmpty();
    }

    [Fact]
    public async Task ScriptModule_InUse_CannotBeDeleted_AndTestRunMasksSecrets()
    {
        var module = await _host.AddModuleAsync("Test - Echo", "echo \"$Token\"; echo '{\"ok\":\"yes\"}'", [new { name = "Token", type = "string", secret = true }]);
        await _host.AddRunbookAsync(new { name = "Uses echo", steps = new[] { Step("echo", "script", new { Token = "abc" }, module) } });
        var delete = await _host.Api.DeleteAsync($"/api/v1/script-modules/{module}");
        delete.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await delete.Content.ReadAsStringAsync()).Should().Contain("Uses echo");

        var test = await _host.Api.PostAsJsonAsync($"/api/v1/script-modules/{module}/test", new { parameters = new { Token = "tok-123456" } });
        test.StatusCode.Should().Be(HttpStatusCode.OK, await test.Content.ReadAsStringAsync());
        var body = await test.Content.ReadAsStringAsync();
        body.Should().NotContain("tok-123456").And.Contain(SecretMask.Mask);
        (await AccessFixtures.JsonAsync(test)).GetProperty("succeeded").GetBoolean().Should().BeTrue();
    }
    [Fact]
    public async Task Seed_AddsExamplesOnce_AndTheRecyclerStopsCleanlyWithNothingToReinstall()
    {
        var first = await _host.Api.PostAsync("/api/v1/runbooks/seed", null);
        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await AccessFixtures.JsonAsync(first)).GetProperty("added").GetInt32().Should().BeGreaterThan(10);
        var again = await _host.Api.PostAsync("/api/v1/runbooks/seed", null);
        (await AccessFixtures.JsonAsync(again)).GetProperty("added").GetInt32().Should().Be(0, "seeding never overwrites or duplicates");

        var recycler = (await _host.Orders.QueryAsync(db => db.Set<Runbook>().Where(r => r.Name == RunbookSeed.RecyclerName))).Single();
        // The seeded runbook passes the same checks as an operator's save.
        var view = await _host.GetAsync($"/api/v1/runbooks/{recycler.Id}");
        var resave = await _host.Api.PutAsync($"/api/v1/runbooks/{recycler.Id}", new StringContent(view.GetRawText(), System.Text.Encoding.UTF8, "application/json"));
        resave.StatusCode.Should().Be(HttpStatusCode.OK, await resave.Content.ReadAsStringAsync());

        var start = await _host.Api.PostAsync($"/api/v1/runbooks/{recycler.Id}/runs", null);
        var run = await _host.WaitForRunAsync((await AccessFixtures.JsonAsync(start)).GetProperty("id").GetInt64());
        run.Status.Should().Be(RunbookRunStatus.Succeeded);
        run.Notes.Should().Be("No asset waits for reinstall.");
        var steps = await _host.StepsAsync(run.Id);
        steps[0].Status.Should().Be(RunbookStepStatus.Succeeded);
        steps.Skip(1).SkipLast(1).Should().OnlyContain(s => s.Status == RunbookStepStatus.Skipped);
        steps[^1].Status.Should().Be(RunbookStepStatus.Succeeded, "the always-run clean-up has nothing to mark");
    }
}
