using System.Text.Json;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>The form posts of a script module's page: save (superadmins) and a test run with sample parameters, both PRG.</summary>
public static class ModulePageActions
{
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var path = RunbookPageEndpoints.PagePath + "/modules/{id:long}";
        app.MapPost(path, async (long id, [FromForm] string? name, [FromForm] string? interpreter, [FromForm] string? description,
                [FromForm] string? parameters, [FromForm] string? content, RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
            {
                List<ParameterDefinition> schema;
                try
                {
                    schema = RunbookJson.Schema(parameters);
                }
                catch (JsonException ex)
                {
                    return Back(id, "error", "The parameters are not valid JSON: " + ex.Message);
                }

                var saved = await admin.SaveScriptModuleAsync(id, new ScriptModuleRequest(name, description, interpreter, content, schema, true), actors.Current, ct);
                return saved.Succeeded ? Back(id, "done", "saved") : Back(id, "error", string.Join(" ", saved.Errors.Select(e => e.Message)));
            })
            .RequireAuthorization(AdminPolicies.Superadmin).ExcludeFromDescription();
        app.MapPost(path + "/test", async (long id, [FromForm] string? parameters, RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
            {
                Dictionary<string, string?> values;
                try
                {
                    values = JsonSerializer.Deserialize<Dictionary<string, string?>>(string.IsNullOrWhiteSpace(parameters) ? "{}" : parameters) ?? [];
                }
                catch (JsonException ex)
                {
                    return Back(id, "error", "The sample parameters are not a JSON object of strings: " + ex.Message);
                }

                var result = await admin.TestScriptModuleAsync(id, new ScriptTestRequest(values, 30), actors.Current, ct);
                if (!result.Succeeded)
                    return Back(id, "error", string.Join(" ", result.Errors.Select(e => e.Message)));
                var r = result.Value;
                var text = $"{(r.Succeeded ? "Succeeded" : "Failed")} (exit {r.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}){(r.Error is null ? "" : ": " + r.Error)}\n"
                    + $"outputs: {RunbookJson.Write(r.Outputs)}\n{r.Log}";
                return Back(id, "result", text.Length > 3000 ? text[..3000] : text);
            })
            .RequireAuthorization(AdminPolicies.Superadmin).ExcludeFromDescription();
    }

    private static IResult Back(long id, string key, string value) =>
        Results.Redirect($"{RunbookPageEndpoints.PagePath}/modules/{id}?{key}={Uri.EscapeDataString(value)}");
}
