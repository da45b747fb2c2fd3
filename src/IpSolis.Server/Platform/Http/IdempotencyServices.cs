using IpSolis.Server.Platform.Jobs;

namespace IpSolis.Server.Platform.Http;

public static class IdempotencyServices
{
    /// <summary><c>Idempotency-Key</c> support for creating POSTs, and its daily purge.</summary>
    public static IServiceCollection AddIpSolisIdempotency(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyKeys>();
        services.AddJobKind<IdempotencyPurge>(new JobKind(IdempotencyPurge.Kind, typeof(IdempotencyPurge)) { MaxAttempts = 3 });
        services.AddRecurringJob(IdempotencyPurge.Schedule);
        return services;
    }
}
