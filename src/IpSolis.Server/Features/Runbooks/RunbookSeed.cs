using IpSolis.Domain.Runbooks;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// Example content: provision/change/deprovision templates in bash and PowerShell, and the standalone "Virtual Machine
/// Recycler" rebuilt from built-in steps (pool, HTTP calls to the hypervisor and SCCM endpoints named by global
/// variables, the computer account through the directory steps) and a script module. The computer account scripts of
/// earlier seeds (AD - Create/Disable/Delete Computeraccount) are no longer added: the directory.*_computer steps do
/// their work through the configured directory, without a second copy of its password. Inserted only where the name does not
/// exist yet, never overwriting an operator's edit; the recycler is inactive-safe (schedule off) until its variables are set.
/// </summary>
public sealed class RunbookSeed(IDbContextFactory<IpSolisDbContext> contexts, SettingSecretProtector protector, IAuditTrail audit, TimeProvider time)
{
    public const string RecyclerName = "Virtual Machine Recycler";

    private static readonly ParameterDefinition[] ExampleParameters =
    [
        new("AssetName", ParameterType.String, true, Description: "Bind to {{asset.name}}."),
        new("RequesterEmail", ParameterType.String, Description: "Bind to {{order.requester_email}}."),
        new("ApiToken", ParameterType.String, Secret: true, Description: "Bind to a secret global variable; masked in every log."),
    ];

    /// <summary>Inserts what is missing; returns how many modules, variables and runbooks were added.</summary>
    public async Task<int> SeedAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var added = 0;
        var modules = await db.Set<ScriptModule>().AsTracking().ToDictionaryAsync(m => m.Name, cancellationToken);
        foreach (var (name, interpreter, description, content, parameters) in Modules())
        {
            if (modules.ContainsKey(name))
                continue;
            var module = new ScriptModule
            {
                Name = name, Interpreter = interpreter, Description = description, Content = content,
                ParametersJson = RunbookJson.Write(parameters), CreatedAt = now, UpdatedAt = now,
            };
            db.Add(module);
            modules[name] = module;
            added++;
        }

        var variables = await db.Set<RunbookVariable>().Select(v => v.Key).ToListAsync(cancellationToken);
        foreach (var (key, secret, description) in Variables())
        {
            if (variables.Contains(key))
                continue;
            db.Add(new RunbookVariable { Key = key, IsSecret = secret, Description = description, Value = secret ? protector.Protect(RunVariables.SealKey(key), "") : "", UpdatedAt = now });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (!await db.Set<Runbook>().AnyAsync(r => r.Name == RecyclerName, cancellationToken))
        {
            db.Add(Recycler(modules, now));
            added++;
        }

        audit.Record(db, actor, new AuditEvent("runbook.seeded", "runbook", null, null, new { added }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    private static IEnumerable<(string Key, bool Secret, string Description)> Variables() =>
    [
        ("hypervisor_url", false, "Base URL of the hypervisor's REST API (XenServer/vSphere gateway), e.g. https://xen.example.com/api."),
        ("hypervisor_token", true, "Bearer token for the hypervisor API."),
        ("sccm_url", false, "Base URL of the SCCM AdminService gateway, e.g. https://sccm.example.com/AdminService."),
        ("sccm_token", true, "Bearer token for the SCCM gateway."),
        ("sccm_os_collection", false, "Collection that installs the operating system (XEN00016 in the reference)."),
        ("computer_ou_dn", false, "OU for the VDI computer accounts, like ou=vdi,ou=computers,dc=example,dc=com (the directory itself is set in Settings → Directory)."),
    ];

    private static Runbook Recycler(Dictionary<string, ScriptModule> modules, DateTimeOffset now)
    {
        var position = 0;
        RunbookStep Step(string name, string module, Dictionary<string, string> parameters, ScriptModule? script = null, int retries = 3, int timeout = 120, bool critical = true, bool alwaysRun = false) => new()
        {
            Position = ++position, Name = name, Module = script is null ? module : ScriptStepRunner.ModuleKey, ScriptModuleId = script?.Id,
            ParametersJson = RunbookJson.Write(parameters), Retries = retries, TimeoutSeconds = timeout, Critical = critical, AlwaysRun = alwaysRun, BackoffSeconds = 10,
        };
        const string vm = "{{vars.hypervisor_url}}/vms/{{steps.take.asset_name}}";
        const string auth = "{\"Authorization\":\"Bearer {{vars.hypervisor_token}}\"}";
        const string sccmAuth = "{\"Authorization\":\"Bearer {{vars.sccm_token}}\"}";
        var computer = new Dictionary<string, string> { ["Name"] = "{{steps.take.asset_name}}", ["OuDn"] = "{{vars.computer_ou_dn}}" };
        return new Runbook
        {
            Name = RecyclerName,
            Description = "Rebuilds one virtual machine waiting in 'reinstall': stops it, boots it from the network, replaces its SCCM device and AD computer account, waits for the task sequence and returns it to the pool (or marks it failed). Set the hypervisor_* and sccm_* variables and computer_ou_dn first, and the LDAP directory in Settings → Directory.",
            IsActive = true, SkipIfRunning = true, ScheduleEnabled = false, CronExpression = "*/15 * * * *", TimeZone = "Europe/Berlin", CreatedAt = now, UpdatedAt = now,
            Steps =
            [
                Step("take", "pool.take_for_reinstall", [], retries: 0),
                Step("vm_stop", "http.request", new() { ["Method"] = "POST", ["Url"] = vm + "/stop?force=true", ["Headers"] = auth, ["ExpectStatus"] = "200,202,204,409" }),
                Step("boot_network", "http.request", new() { ["Method"] = "PUT", ["Url"] = vm + "/boot-order", ["Headers"] = auth, ["Body"] = "{\"order\":[\"network\",\"cd\",\"disk\"]}" }),
                Step("sccm_delete", "http.request", new() { ["Method"] = "DELETE", ["Url"] = "{{vars.sccm_url}}/devices/{{steps.take.asset_name}}", ["Headers"] = sccmAuth, ["ExpectStatus"] = "200,204,404" }),
                Step("ad_delete", "directory.delete_computer", computer),
                Step("read_mac", "http.request", new() { ["Url"] = vm, ["Headers"] = auth, ["Capture"] = "{\"mac\":\"mac_address\"}" }),
                Step("device_guid", "script", [], modules["SCCM - Generate Device GUID"]),
                Step("ad_create", "directory.create_computer", new(computer) { ["Disabled"] = "true" }),
                Step("sccm_import", "http.request", new()
                {
                    ["Method"] = "POST", ["Url"] = "{{vars.sccm_url}}/devices", ["Headers"] = sccmAuth,
                    ["Body"] = "{\"name\":\"{{steps.take.asset_name}}\",\"mac\":\"{{steps.read_mac.mac}}\",\"smbiosGuid\":\"{{steps.device_guid.guid}}\",\"collectionId\":\"{{vars.sccm_os_collection}}\"}",
                    ["Capture"] = "{\"resource_id\":\"resourceId\"}",
                }),
                Step("vm_start", "http.request", new() { ["Method"] = "POST", ["Url"] = vm + "/start", ["Headers"] = auth, ["ExpectStatus"] = "200,202,204" }),
                Step("wait_task_sequence", "http.poll", new() { ["Url"] = "{{vars.sccm_url}}/devices/{{steps.sccm_import.resource_id}}/task-sequence", ["Headers"] = sccmAuth, ["Path"] = "state", ["Equals"] = "running", ["IntervalSeconds"] = "30" }, retries: 0, timeout: 1200),
                Step("boot_disk", "http.request", new() { ["Method"] = "PUT", ["Url"] = vm + "/boot-order", ["Headers"] = auth, ["Body"] = "{\"order\":[\"disk\",\"network\",\"cd\"]}" }),
                Step("wait_installed", "http.poll", new() { ["Url"] = "{{vars.sccm_url}}/devices/{{steps.sccm_import.resource_id}}/task-sequence", ["Headers"] = sccmAuth, ["Path"] = "state", ["Equals"] = "succeeded", ["IntervalSeconds"] = "60" }, retries: 0, timeout: 11100),
                Step("mark_free", "pool.set_status", new() { ["AssetId"] = "{{steps.take.asset_id}}", ["Status"] = "free" }),
                Step("mark_failed", "pool.set_status", new() { ["AssetId"] = "{{steps.take.asset_id}}", ["Status"] = "failed", ["OnlyIfStatus"] = "reinstalling" }, retries: 1, critical: false, alwaysRun: true),
            ],
        };
    }

    private static IEnumerable<(string Name, string Interpreter, string Description, string Content, ParameterDefinition[] Parameters)> Modules()
    {
        foreach (var (verb, action) in new[] { ("Provision", "provision"), ("Change", "modify"), ("Deprovision", "deprovision") })
        {
            yield return ($"Example - {verb} Asset", "bash",
                $"Template for a {action} step in bash: parameters arrive as environment variables and in $IPSOLIS_PARAMS_FILE; print one JSON object last.",
                $$"""
                #!/usr/bin/env bash
                # {{verb}} {{action}} template. Parameters: $AssetName, $RequesterEmail, $ApiToken (secret; never echo it on purpose).
                # outputs: success, asset, action
                set -euo pipefail
                echo "{{action}}: ${AssetName} for ${RequesterEmail:-nobody}" >&2
                # All parameters as JSON, for tools that want them together:
                #   jq -r .AssetName "$IPSOLIS_PARAMS_FILE"
                # Call your system here; a non-zero exit fails the step (stderr becomes the error).
                jq -cn --arg asset "$AssetName" --arg action "{{action}}" '{success: true, asset: $asset, action: $action}'
                """, ExampleParameters);
            yield return ($"Example - {verb} Asset (PowerShell)", "pwsh",
                $"Template for a {action} step in PowerShell (needs pwsh on the worker).",
                $$"""
                # {{verb}} {{action}} template. Parameters arrive as environment variables and in $env:IPSOLIS_PARAMS_FILE.
                # outputs: success, asset, action
                $ErrorActionPreference = 'Stop'
                $params = Get-Content -Raw $env:IPSOLIS_PARAMS_FILE | ConvertFrom-Json
                try {
                    [Console]::Error.WriteLine("{{action}}: $($params.AssetName)")
                    # Call your system here.
                    [pscustomobject]@{ success = $true; asset = $params.AssetName; action = '{{action}}' } | ConvertTo-Json -Compress
                } catch {
                    [pscustomobject]@{ success = $false; error = $_.Exception.Message } | ConvertTo-Json -Compress
                    exit 1
                }
                """, ExampleParameters);
        }

        yield return ("SCCM - Generate Device GUID", "python3", "Generates the SMBIOS GUID SCCM imports the device with; outputs guid.", """
            # outputs: guid
            import json, uuid
            print(json.dumps({"guid": str(uuid.uuid4()).upper()}))
            """, []);
        yield return ("Test - Show all parameters", "bash", "Prints the parameters it was given (secrets masked by the runner); for trying bindings.", """
            #!/usr/bin/env bash
            jq -c . "$IPSOLIS_PARAMS_FILE" >&2
            jq -c '{success: true} + .' "$IPSOLIS_PARAMS_FILE"
            """, [new("Value", ParameterType.String)]);
    }
}
