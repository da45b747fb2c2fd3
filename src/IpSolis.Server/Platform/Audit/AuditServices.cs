using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Platform.Audit;

public static class AuditServices
{
    /// <summary>The audit trail, its verifier and retention. The chain itself is kept by
    /// <see cref="AuditChainInterceptor"/>, which every context gets in <c>DataServices.Configure</c>.</summary>
    public static IServiceCollection AddIpSolisAudit(this IServiceCollection services)
    {
        services.AddSingleton<IAuditTrail, AuditTrail>();
        services.AddSingleton<AuditChainVerifier>();
        services.AddSingleton<AuditRetention>();
        services.AddSetting(AuditRetentionJob.RetentionDays);
        services.AddJobKind<AuditRetentionJob>(new Jobs.JobKind(AuditRetentionJob.Kind, typeof(AuditRetentionJob)) { Timeout = TimeSpan.FromHours(1), MaxAttempts = 3 });
        services.AddRecurringJob(new Jobs.RecurringJob("audit.retention", "41 2 * * *", "UTC", AuditRetentionJob.Kind));
        // The viewer's and API's reader lives with its pages; registered here so the audit log comes as one piece.
        services.AddSingleton<Features.Administration.AuditLog.AuditLogQuery>();
        return services;
    }
}
