using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Loads the data-protection key ring, creating the first key on a new database, once the node is listening, on a
/// thread-pool thread. ASP.NET Core's own start-up hook does the same load before Kestrel starts, so every start
/// waited for a database read (and, on a new database, a key being generated, sealed and stored) before
/// <c>/readyz</c> could answer: the largest single item of the cold start after the EF Core model
/// (docs/PERFORMANCE.md, cold start). A request that needs a key before the warm-up finished (an antiforgery token,
/// a sign-in cookie) loads the ring itself; the key ring provider lets one caller load it and the others wait, so
/// nothing is read or created twice.
/// </summary>
internal sealed partial class KeyRingWarmUp(
    IHostApplicationLifetime lifetime,
    IDataProtectionProvider protection,
    ILogger<KeyRingWarmUp> logger) : BackgroundService
{
    /// <summary>The full name of the framework's hook that this replaces (it is internal to ASP.NET Core).</summary>
    internal const string FrameworkHook = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    private const string Purpose = "IpSolis.KeyRingWarmUp";

    /// <summary>
    /// Swaps the framework's start-up load for this one. Call after everything that may call <c>AddDataProtection</c>
    /// (each call adds the framework's hook again if it is missing).
    /// </summary>
    internal static void Register(IServiceCollection services)
    {
        var hook = services.SingleOrDefault(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType?.FullName == FrameworkHook)
            ?? throw new InvalidOperationException($"{FrameworkHook} is not registered: AddDataProtection must come first, or ASP.NET Core renamed it.");
        services.Remove(hook);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KeyRingWarmUp>());
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => WarmUpAsync(stoppingToken);

    /// <summary>Waits for the node to start, then loads the ring; ends without error when the node stops first.</summary>
    internal async Task WarmUpAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try
            {
                await started.Task.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The node stopped before it started (its port was taken, say): nothing to load, and nothing failed
                // here. Thrown on, the cancellation was logged as a failed background service next to the real error.
                return;
            }
        }

        try
        {
            // Protecting anything makes the provider load the ring and create a default key if there is none.
            protection.CreateProtector(Purpose).Protect([]);
            LogLoaded(logger);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // As the framework's hook does: a node whose database is briefly away must still start; the first request
            // that needs a key tries again and reports its own failure.
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Data-protection key ring loaded")]
    private static partial void LogLoaded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load the data-protection key ring at start; requests that need a key will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
