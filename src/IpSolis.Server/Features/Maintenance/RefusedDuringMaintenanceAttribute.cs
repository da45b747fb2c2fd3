namespace IpSolis.Server.Features.Maintenance;

/// <summary>
/// Marks an endpoint or page whose POST starts new work (placing an order, deciding an approval): in maintenance
/// mode it answers 503 with Retry-After instead. GETs of the same page still work.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RefusedDuringMaintenanceAttribute : Attribute;
