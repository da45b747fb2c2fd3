using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Pool;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary>
/// <c>pool.*</c>: reserve a free asset for the run's order, release an asset, move an asset through the recycler's
/// states, and take the next asset waiting for reinstall. Each is one short transaction of its own with its audit row,
/// and each checks before it acts, so a repeated attempt changes nothing twice.
/// </summary>
public sealed class PoolModule(string key, IDbContextFactory<IpSolisDbContext> contexts, PoolAssignments pool, IAuditTrail audit, TimeProvider time) : IRunbookModule
{
    public const string Reserve = "pool.reserve";
    public const string Release = "pool.release";
    public const string SetStatus = "pool.set_status";
    public const string TakeForReinstall = "pool.take_for_reinstall";

    public static readonly IReadOnlyList<string> Keys = [Reserve, Release, SetStatus, TakeForReinstall];

    private static readonly AuditActor Actor = AuditActor.System(RunbookExecutor.Kind);

    public string Key => key;

    public string Category => "Pool";

    public string Name => key switch
    {
        Reserve => "Reserve a free asset",
        Release => "Release an asset",
        SetStatus => "Set an asset's status (recycler)",
        _ => "Take the next asset to reinstall",
    };

    public string Description => key switch
    {
        Reserve => "Reserves a free asset of AssetTypeId (default: the order's type) for the run's order; outputs asset_id and asset_name. An asset the order already holds is returned as it is.",
        Release => "Gives AssetId back to the pool (free, or reinstall when Reinstall is true).",
        SetStatus => "Moves AssetId to Status along the recycler's path: reinstall → reinstalling → free or failed; with OnlyIfStatus only from that status.",
        _ => "Takes the asset of AssetTypeId (any type when empty) that has waited longest in reinstall, marks it reinstalling and outputs asset_id and asset_name; with none waiting the run stops (successfully).",
    };

    public IReadOnlyList<ParameterDefinition> Parameters => key switch
    {
        Reserve => [new("AssetTypeId", ParameterType.Int)],
        Release => [new("AssetId", ParameterType.Int, Required: true), new("Reinstall", ParameterType.Bool, Default: "false")],
        SetStatus =>
        [
            new("AssetId", ParameterType.Int, Description: "Empty: nothing to do (a clean-up step after a run that found no asset)."),
            new("Status", ParameterType.String, Required: true, Description: "reinstalling, free or failed"),
            new("OnlyIfStatus", ParameterType.String, Description: "Act only while the asset has this status (a clean-up step that marks a half-rebuilt asset failed)."),
        ],
        _ => [new("AssetTypeId", ParameterType.Int)],
    };

    public IReadOnlyList<string>? OutputsFor(IReadOnlyDictionary<string, string> parameters) => key == TakeForReinstall
        ? ["asset_id", "asset_name", "status", "result", "stop_run", "stop_reason"]
        : ["asset_id", "asset_name", "status", "result"];

    public async Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = key switch
        {
            Reserve => await ReserveAsync(db, step, cancellationToken),
            Release => await ReleaseAsync(db, step, cancellationToken),
            SetStatus => await SetStatusAsync(db, step, cancellationToken),
            _ => await TakeAsync(db, step, cancellationToken),
        };
        if (!result.Succeeded)
            return result;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<StepResult> ReserveAsync(IpSolisDbContext db, StepInvocation step, CancellationToken cancellationToken)
    {
        if (step.OrderId is not { } orderId)
            return StepResult.Failure("Reserving needs an order: this run has none.");
        var order = await db.Set<Orders.Order>().AsTracking().FirstAsync(o => o.Id == orderId, cancellationToken);
        var held = await db.Set<PoolAsset>().AsNoTracking()
            .FirstOrDefaultAsync(a => a.CurrentOrderId == orderId && (a.Status == PoolAssetStatus.Reserved || a.Status == PoolAssetStatus.Busy), cancellationToken);
        if (held is not null)
            return Outputs(held, "already held by the order");
        var typeId = step.Get("AssetTypeId") is { } t ? long.Parse(t, CultureInfo.InvariantCulture) : order.AssetTypeId;
        var asset = await pool.ReserveFreeAsync(db, typeId, orderId, order.RequestedUntil, order.OwnerEmail, cancellationToken);
        if (asset is null)
            return StepResult.Failure($"No asset of type {typeId} is free.");
        order.AssignedAssetId = asset.Id;
        Record(db, asset, "reserved", orderId);
        return Outputs(asset, "reserved");
    }

    private async Task<StepResult> ReleaseAsync(IpSolisDbContext db, StepInvocation step, CancellationToken cancellationToken)
    {
        var assetId = long.Parse(step.Get("AssetId")!, CultureInfo.InvariantCulture);
        var released = await pool.ReleaseAsync(db, assetId, step.Flag("Reinstall"), cancellationToken);
        if (!released.Succeeded)
            return StepResult.Failure(released.Errors[0].Message);
        Record(db, released.Value, WireName<PoolAssetStatus>.Of(released.Value.Status), null);
        return Outputs(released.Value, "released");
    }

    private async Task<StepResult> SetStatusAsync(IpSolisDbContext db, StepInvocation step, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(step.Get("AssetId")))
            return StepResult.Success(new Dictionary<string, string> { ["result"] = "no asset" });
        var assetId = long.Parse(step.Get("AssetId")!, CultureInfo.InvariantCulture);
        if (!WireName<PoolAssetStatus>.TryParse(step.Get("Status"), out var to))
            return StepResult.Failure($"Status is one of {string.Join(", ", WireName<PoolAssetStatus>.All)}.");
        var asset = await db.Set<PoolAsset>().AsTracking().FirstOrDefaultAsync(a => a.Id == assetId, cancellationToken);
        if (asset is null)
            return StepResult.Failure($"There is no asset {assetId}.");
        if (asset.Status == to)
            return Outputs(asset, "already " + WireName<PoolAssetStatus>.Of(to));
        if (step.Get("OnlyIfStatus") is { Length: > 0 } only && only != WireName<PoolAssetStatus>.Of(asset.Status))
            return Outputs(asset, $"left {WireName<PoolAssetStatus>.Of(asset.Status)} (not {only})");
        var check = PoolAssetTransitions.Check(asset.Status, to, PoolAssetChange.Recycler);
        if (!check.Succeeded)
            return StepResult.Failure(check.Errors[0].Message);
        Change(asset, to);
        Record(db, asset, WireName<PoolAssetStatus>.Of(to), null);
        return Outputs(asset, WireName<PoolAssetStatus>.Of(to));
    }

    private async Task<StepResult> TakeAsync(IpSolisDbContext db, StepInvocation step, CancellationToken cancellationToken)
    {
        var query = db.Set<PoolAsset>().AsTracking().Where(a => a.Status == PoolAssetStatus.Reinstall);
        if (step.Get("AssetTypeId") is { } t)
        {
            var typeId = long.Parse(t, CultureInfo.InvariantCulture);
            query = query.Where(a => a.AssetTypeId == typeId);
        }

        var asset = await query.OrderBy(a => a.StatusChangedAt).ThenBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (asset is null)
            return StepResult.Success(new Dictionary<string, string> { ["asset_id"] = "", ["asset_name"] = "", ["stop_run"] = "true", ["stop_reason"] = "No asset waits for reinstall." }, stopRun: true);
        Change(asset, PoolAssetStatus.Reinstalling);
        Record(db, asset, "reinstalling", null);
        return Outputs(asset, "reinstalling");
    }

    private void Change(PoolAsset asset, PoolAssetStatus to)
    {
        asset.Status = to;
        asset.StatusChangedAt = time.GetUtcNow();
        asset.UpdatedAt = asset.StatusChangedAt;
        if (to is PoolAssetStatus.Free or PoolAssetStatus.Failed)
            asset.ExpiresAt = null;
    }

    private void Record(IpSolisDbContext db, PoolAsset asset, string what, long? orderId) =>
        audit.Record(db, Actor, new AuditEvent("pool_asset.runbook_" + what.Replace(' ', '_'), "pool_asset",
            asset.Id.ToString(CultureInfo.InvariantCulture), null, new { status = WireName<PoolAssetStatus>.Of(asset.Status), orderId }));

    private static StepResult Outputs(PoolAsset asset, string what) => StepResult.Success(new Dictionary<string, string>
    {
        ["asset_id"] = asset.Id.ToString(CultureInfo.InvariantCulture),
        ["asset_name"] = asset.Name,
        ["status"] = WireName<PoolAssetStatus>.Of(asset.Status),
        ["result"] = what,
    });
}
