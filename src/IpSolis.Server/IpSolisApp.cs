using IpSolis.Domain;
using IpSolis.Server.Features.Administration;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Configuration;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Http;
using IpSolis.Server.Platform.Observability;
using IpSolis.Server.Platform.Observability.Health;
using IpSolis.Server.Platform.Observability.Metrics;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Web;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace IpSolis.Server;

/// <summary>
/// The composition root: which services a node has and how a request flows. Every command builds the host the
/// same way, so <c>config validate</c> and <c>migrate</c> see exactly the configuration <c>serve</c> would.
/// </summary>
public static partial class IpSolisApp
{
    public const string DefaultUrl = "http://localhost:8000";

    /// <summary>Builds the host for <paramref name="roles"/>. <paramref name="args"/> are configuration overrides
    /// (<c>--Section:Key=value</c>); <paramref name="urls"/> comes from <c>serve --urls</c>.</summary>
    public static WebApplication Build(string[] args, NodeRole roles = NodeRole.All, string? urls = null)
    {
        var hasContentRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json sits beside the executable; data/ is relative to the working directory.
            ContentRootPath = hasContentRoot ? null : AppContext.BaseDirectory,
        });

        // The slim builder leaves out IIS, HTTP/3 (QUIC) and hosting-startup assemblies, which a Linux node never uses
        // and which cost idle memory (docs/PERFORMANCE.md). Put back what we do use: Kestrel's HTTPS endpoints from
        // configuration, and regex route constraints.
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Services.Configure<RouteOptions>(routes => routes.SetParameterPolicy<RegexInlineRouteConstraint>("regex"));
        builder.Configuration.AddIpSolisEnvironment();
        builder.Configuration.AddCommandLine(args);
        if (!string.IsNullOrWhiteSpace(urls))
            builder.Configuration["urls"] = urls;
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.Configuration["urls"] = DefaultUrl;

        var developmentSecret = ProvideDevelopmentSecret(builder);
        ConfigureLogging(builder);
        ConfigureServices(builder.Services, builder.Configuration, roles);

        var app = builder.Build();
        if (developmentSecret is { Created: true })
            LogDevelopmentSecretCreated(app.Logger, developmentSecret.Value.Path);
        ConfigurePipeline(app, roles);
        return app;
    }

    private static (string Path, bool Created)? ProvideDevelopmentSecret(WebApplicationBuilder builder)
    {
        if (builder.Environment.IsProduction() || !string.IsNullOrWhiteSpace(builder.Configuration["Security:ApiSecretKey"]))
            return null;
        var dataDirectory = builder.Configuration["Server:DataDirectory"] ?? "data";
        var (secret, path, created) = DevelopmentSecret.LoadOrCreate(dataDirectory);
        builder.Configuration["Security:ApiSecretKey"] = secret;
        return (path, created);
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        var format = builder.Configuration["Logging:Format"]
            ?? (builder.Environment.IsDevelopment() ? "text" : "json");
        if (format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddConsole(o => o.FormatterName = JsonLineFormatter.FormatterName)
                .AddConsoleFormatter<JsonLineFormatter, ConsoleFormatterOptions>();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.UseUtcTimestamp = false;
            });
        }
    }

    private static void ConfigureServices(IServiceCollection services, IConfiguration configuration, NodeRole roles)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new NodeIdentity(roles, sp.GetRequiredService<TimeProvider>()));
        services.AddValidatedOptions<ServerOptions, ServerOptionsValidator>(ServerOptions.Section);
        services.AddValidatedOptions<SecurityOptions, SecurityOptionsValidator>(SecurityOptions.Section);
        services.AddValidatedOptions<Platform.Security.CorsOptions, CorsOptionsValidator>(Platform.Security.CorsOptions.Section);
        // Read raw (not through the validated options) so a bad value is reported by validation, not thrown here.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(
            Math.Clamp(configuration.GetValue($"{ServerOptions.Section}:{nameof(ServerOptions.ShutdownGraceSeconds)}", 25), 0, 600)));

        services.AddIpSolisData();
        services.AddIpSolisAudit();
        services.AddIpSolisSettings();
        Features.Setup.SetupChecklistServices.AddSetupChecklist(services);
        Platform.Jobs.JobsServices.AddIpSolisJobs(services, roles);
        Features.Directory.DirectoryFeature.AddDirectory(services);
        Features.Catalog.CatalogFeature.AddCatalog(services);
        Features.Pool.PoolFeature.AddPool(services);
        Features.Orders.OrdersFeature.AddOrders(services);
        Features.AccessTargets.AccessTargetsFeature.AddAccessTargets(services);
        // Before the lifecycle: it registers a logging notifier only when none is registered yet.
        Features.Notifications.NotificationsFeature.AddNotifications(services);
        Features.Approvals.ApprovalsFeature.AddApprovals(services);
        Features.Lifecycle.LifecycleFeature.AddLifecycle(services);
        Features.Runbooks.RunbooksFeature.AddRunbooks(services);
        Features.Portal.PortalFeature.AddPortal(services);
        Features.Maintenance.MaintenanceFeature.AddMaintenance(services);
        Features.Backups.BackupsFeature.AddBackups(services);
        Integrations.Oidc.OidcIntegration.AddOidcIntegration(services);
        services.AddIpSolisHealth();
        services.AddIpSolisProblemDetails();
        services.AddIpSolisAccess();
        services.AddIpSolisMetrics();
        services.AddHostedService<NodeHeartbeat>();
        services.AddHostedService<ShutdownPhases>();
        services.AddHostedService<StartupMemoryRelease>();

        var origins = configuration.GetSection(Platform.Security.CorsOptions.Section).Get<Platform.Security.CorsOptions>()?.OriginList ?? [];
        services.AddCors(cors => cors.AddPolicy(ApiCorsPolicy, policy =>
            policy.WithOrigins([.. origins]).AllowAnyHeader().AllowAnyMethod()));

        if (roles.HasFlag(NodeRole.Web))
        {
            services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "ip·Solis API";
                document.Info.Version = ProductVersion.Version;
                document.Info.Description = "Self-service IT asset lifecycle. Errors are RFC 9457 problem details; "
                    + "authenticate with `Authorization: Bearer ips_...` tokens.";
                return Task.CompletedTask;
            }));
            services.AddIpSolisWeb();
        }

        // Last: antiforgery, authentication and Razor components each call AddDataProtection, which adds the
        // framework's start-up hook back.
        Platform.Security.KeyRingWarmUp.Register(services);
    }

    private const string ApiCorsPolicy = "api";

    private static void ConfigurePipeline(WebApplication app, NodeRole roles)
    {
        app.UseForwardedScheme();
        app.UseIpSolisErrors();
        app.UseMiddleware<RequestLogging>();
        app.UseMiddleware<HttpRequestMetrics>();
        app.UseSecurityHeaders();
        app.UseRouting();
        // Right after routing: it needs the endpoint to let health probes and /metrics through, and refuses the
        // rest before authentication or the database is touched.
        app.UseMiddleware<LoadShedding>();
        app.MapIpSolisHealth();
        app.MapIpSolisMetrics();

        // Read raw: building the pipeline must never resolve validated options (config validate reports them).
        if (app.Configuration.GetValue<bool>($"{ServerOptions.Section}:{nameof(ServerOptions.EnableDelayEndpoint)}"))
        {
            app.MapGet("/_diagnostics/delay/{milliseconds:int:range(0,600000)}", static async (int milliseconds, ILogger<DelayEndpoint> logger, CancellationToken aborted) =>
                {
                    LogDelayStarted(logger, milliseconds);
                    await Task.Delay(milliseconds, aborted);
                    return Results.Json(new { delayedMs = milliseconds });
                })
                .ExcludeFromDescription();
        }

        if (!roles.HasFlag(NodeRole.Web))
            return; // worker and scheduler nodes answer probes only.

        app.UseCors();
        // After CORS (so preflights are answered before authorization) and before the web shell's antiforgery.
        app.UseIpSolisAccess();
        Features.Maintenance.MaintenanceGate.UseMaintenanceGate(app);
        app.UseIpSolisWebShell();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.DocumentTitle = "ip·Solis API";
            ui.SwaggerEndpoint("/openapi/v1.json", "ip·Solis API v1");
        });
        var api = app.MapGroup("/api/v1").RequireCors(ApiCorsPolicy);
        api.MapGet("/version", () => Results.Json(new { version = ProductVersion.Version, commit = ProductVersion.Commit }))
            .WithName("GetVersion").WithTags("System").WithSummary("The running version and the commit it was built from.");
        app.MapIpSolisAccess(api);
        Features.Maintenance.Jobs.JobsEndpoints.MapJobsAdministration(app, api);
        Features.Backups.BackupsFeature.MapBackups(app, api);
        Features.Administration.Settings.SettingsEndpoints.MapIpSolisSettings(app, api);
        Features.Administration.AuditLog.AuditLogEndpoints.MapIpSolisAuditLog(app, api);
        Features.Setup.SetupChecklistEndpoints.MapSetupChecklist(api);
        Features.Directory.DirectoryFeature.MapDirectory(app, api);
        Features.Catalog.CatalogFeature.MapCatalog(app, api);
        Features.Pool.PoolFeature.MapPool(app, api);
        Features.Orders.OrdersFeature.MapOrders(app, api);
        Features.AccessTargets.AccessTargetsFeature.MapAccessTargets(app, api);
        Features.Approvals.ApprovalsFeature.MapApprovals(app, api);
        Features.Lifecycle.LifecycleFeature.MapLifecycle(app, api);
        Features.Runbooks.RunbooksFeature.MapRunbooks(app, api);
        Features.Notifications.NotificationsFeature.MapNotifications(app, api);
        Features.Portal.PortalFeature.MapPortal(app);
        app.MapApiNotFound();
        app.MapIpSolisWeb();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Diagnostics delay of {Milliseconds} ms started")]
    private static partial void LogDelayStarted(ILogger logger, int milliseconds);

    /// <summary>Log category of the diagnostics delay endpoint.</summary>
    internal sealed class DelayEndpoint;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API_SECRET_KEY is set: generated a random development secret at {SecretFile}. Set API_SECRET_KEY in production.")]
    private static partial void LogDevelopmentSecretCreated(ILogger logger, string secretFile);
}
