using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// Everything a run's templates can read — <c>order.*</c>, <c>asset.*</c>, <c>vars.*</c> and, as steps finish,
/// <c>steps.&lt;name&gt;.*</c> — and the mask built from every secret among them.
/// </summary>
public sealed class RunVariables
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public SecretMask Mask { get; private set; } = SecretMask.None;

    public long? AssetId { get; private set; }

    public string? Lookup(string path) => _values.TryGetValue(path, out var value) ? value : null;

    public void SetStepOutputs(string step, IReadOnlyDictionary<string, string> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        foreach (var (key, value) in outputs)
            _values[$"steps.{step}.{key}"] = value;
    }

    public void AddSecrets(IEnumerable<string> secrets) => Mask = Mask.With(secrets);

    /// <summary>The names of every value (for the editor's suggestions).</summary>
    public IEnumerable<string> Paths => _values.Keys;

    public static async Task<RunVariables> LoadAsync(IpSolisDbContext db, SettingSecretProtector protector, long? orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(protector);
        var variables = new RunVariables();
        var secrets = new List<string>();
        foreach (var variable in await db.Set<RunbookVariable>().AsNoTracking().ToListAsync(cancellationToken))
        {
            var value = variable.IsSecret ? protector.Unprotect(SealKey(variable.Key), variable.Value) ?? "" : variable.Value;
            variables._values["vars." + variable.Key] = value;
            if (variable.IsSecret)
                secrets.Add(value);
        }

        if (orderId is { } id && await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is { } order)
        {
            var type = await db.Set<AssetType>().AsNoTracking().Where(t => t.Id == order.AssetTypeId).Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(cancellationToken);
            var parent = order.ParentOrderId is { } pid ? await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == pid, cancellationToken) : null;
            var v = variables._values;
            v["order.id"] = order.Id.ToString(CultureInfo.InvariantCulture);
            v["order.action"] = WireName<OrderAction>.Of(order.Action);
            v["order.requester_email"] = order.RequesterEmail;
            v["order.requester_name"] = order.RequesterName;
            v["order.owner_email"] = order.OwnerEmail ?? "";
            v["order.owner_name"] = order.OwnerName ?? "";
            v["order.requested_from"] = order.RequestedFrom.ToString("O", CultureInfo.InvariantCulture);
            v["order.requested_until"] = order.RequestedUntil.ToString("O", CultureInfo.InvariantCulture);
            v["order.rdp_users"] = string.Join(",", order.RdpUsers);
            v["order.admin_users"] = string.Join(",", order.AdminUsers);
            v["order.parent_order_id"] = order.ParentOrderId?.ToString(CultureInfo.InvariantCulture) ?? "";
            v["order.asset_type_id"] = order.AssetTypeId.ToString(CultureInfo.InvariantCulture);
            v["order.asset_type_name"] = type?.Name ?? "";
            var assetId = order.AssignedAssetId ?? parent?.AssignedAssetId;
            if (assetId is { } aid && await db.Set<PoolAsset>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == aid, cancellationToken) is { } asset)
            {
                variables.AssetId = asset.Id;
                v["asset.id"] = asset.Id.ToString(CultureInfo.InvariantCulture);
                v["asset.name"] = asset.Name;
                v["asset.status"] = WireName<Domain.Pool.PoolAssetStatus>.Of(asset.Status);
            }
        }

        variables.Mask = new SecretMask(secrets);
        return variables;
    }

    /// <summary>The key a secret variable's value is sealed under (purpose-bound: a sealed value cannot be moved to another key).</summary>
    public static string SealKey(string key) => "runbook_variable:" + key;
}
