using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IpSolis.Domain;
using IpSolis.Domain.AccessTargets;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.AccessTargets;

/// <summary>
/// The group-access steps of an order run, at <see cref="OrderRunStep.Act"/>: a provision grants each target of the
/// type ("Grant access to …"), a change grants and revokes exactly the difference between what its order holds and
/// what the type names with the changed people, an end revokes what its order holds — that order's grants only.
/// </summary>
/// <remarks>
/// Each step reads the ledger, calls the directory, then appends ledger rows, all inside the run's transaction.
/// Directory calls are idempotent, so a run that dies after a directory call and before its commit (the rows roll
/// back with it) is run again, finds the ledger unchanged, repeats the call harmlessly and writes each row once; the
/// unique idempotency key makes that hold even if a row was written by another path. Two runs deciding about the
/// same person in the same group are serialized (PostgreSQL advisory lock; SQLite has one writer), so a revoke never
/// misses a grant another order is committing at the same moment.
/// </remarks>
public sealed partial class GroupAccessSteps(DirectoryGroupsInTransaction directory, ILogger<GroupAccessSteps> logger) : IOrderStepSource
{
    /// <summary>Statuses of an order whose grants keep a membership in the directory.</summary>
    private static readonly OrderStatus[] Keeping = [OrderStatus.Provisioned, OrderStatus.Processing];

    public IEnumerable<OrderRunStep> StepsFor(OrderRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var targets = AppliesTo(run.Type) ? run.Type.GroupTargets : [];
        switch (run.Order.Action)
        {
            case OrderAction.Provision:
                for (var i = 0; i < targets.Count; i++)
                {
                    var target = targets[i];
                    yield return new OrderRunStep(
                        $"grant_access_{i + 1}", Shorten("Grant access to " + target.GroupDn, 200), OrderRunStep.Act,
                        (r, ct) => ApplyAsync(r, r.Order, [target], ct));
                }

                break;
            case OrderAction.Modify when run.Parent is { } parent && (targets.Count > 0 || HoldsAny(run, parent.Id)):
                yield return new OrderRunStep("update_access", "Update group access", OrderRunStep.Act, (r, ct) => ApplyAsync(r, parent, targets, ct));
                break;
            case OrderAction.Delete when run.Parent is { } parent && (targets.Count > 0 || HoldsAny(run, parent.Id)):
                yield return new OrderRunStep("revoke_access", "Revoke group access", OrderRunStep.Act, (r, ct) => ApplyAsync(r, parent, null, ct));
                break;
        }
    }

    /// <summary>Group targets run with the group-only and composite strategies, never with runbook only.</summary>
    public static bool AppliesTo(Catalog.AssetType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.AutomationStrategy != AutomationStrategy.RunbookOnly && type.GroupTargets.Count > 0;
    }

    // StepsFor cannot wait: one indexed existence check inside the run's transaction decides whether an end or a
    // change has access to take back even after the type's targets were removed.
    private static bool HoldsAny(OrderRun run, long orderId) =>
        run.Database.Set<AccessLedgerRow>().Any(r => r.OrderId == orderId);

    /// <summary>
    /// Brings <paramref name="holder"/>'s access to what <paramref name="targets"/> name for it (null: nothing, an
    /// end). A provision step passes its one target and only grants; a change passes every target.
    /// </summary>
    private async Task<OrderStepOutcome> ApplyAsync(OrderRun run, Order holder, IReadOnlyList<GroupTarget>? targets, CancellationToken cancellationToken)
    {
        var db = run.Database;
        var people = run.Order; // a change carries the complete new lists; a provision and an end are their own lists
        var assetName = AssetName(run);
        var wanted = new List<(GroupTarget Target, string Group, AccessGrant Grant)>();
        foreach (var target in targets ?? [])
        {
            var group = GroupTargetRules.GroupFor(target, assetName);
            if (!group.Succeeded)
                return OrderStepOutcome.Failed(group.Errors[0].Message);
            foreach (var principal in GroupTargetRules.Principals(target.PrincipalSource, holder.RequesterEmail, people.RdpUsers, people.AdminUsers))
                wanted.Add((target, group.Value, new AccessGrant(group.Value, principal)));
        }

        var own = (await db.Set<AccessLedgerRow>().AsNoTracking().Where(r => r.OrderId == holder.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken))
            .Concat(db.ChangeTracker.Entries<AccessLedgerRow>().Where(e => e.State == EntityState.Added && e.Entity.OrderId == holder.Id).Select(e => e.Entity))
            .ToList();
        var change = AccessLedger.Difference(own.Select(r => r.ToEntry()), holder.Id, wanted.Select(w => w.Grant));
        // A provision step owns only its target: what other targets granted is not its to revoke.
        var toRevoke = run.Order.Action == OrderAction.Provision ? [] : change.ToRevoke;
        if (change.ToGrant.Count == 0 && toRevoke.Count == 0)
            return OrderStepOutcome.Skipped(wanted.Count == 0 && own.Count == 0
                ? "No group access to change: the order names nobody."
                : "Nothing to change: the order already holds exactly this access.");

        await LockAsync(db, change.ToGrant.Concat(toRevoke), cancellationToken);
        var lines = new List<string>();
        var createdGroups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var grant in change.ToGrant)
        {
            var (target, group, _) = wanted.First(w => w.Grant == grant);
            if (target.CreateIfMissing && createdGroups.Add(group))
            {
                var created = await directory.EnsureGroupAsync(db, run.Actor, group, $"Access granted by ip·Solis ({run.Type.Name}).", cancellationToken);
                if (!created.Succeeded)
                    return OrderStepOutcome.Failed($"Could not create {group}: {created.Errors[0].Message}");
            }

            var added = await directory.AddMemberAsync(db, run.Actor, group, grant.Principal, cancellationToken);
            if (!added.Succeeded)
                return OrderStepOutcome.Failed($"Could not add {grant.Principal} to {group}: {added.Errors[0].Message}");
            var outcome = added.Value ? "added" : "already a member";
            await AppendAsync(run, holder, AccessAction.Grant, group, grant, outcome, cancellationToken);
            lines.Add($"granted {grant.Principal} → {group} ({outcome})");
        }

        if (toRevoke.Count > 0)
        {
            var others = await OthersAsync(db, toRevoke, holder.Id, cancellationToken);
            foreach (var grant in toRevoke)
            {
                var group = own.Last(r => r.ToEntry().Grant == grant).GroupDn;
                string outcome;
                if (AccessLedger.MustLeaveDirectory(others.Entries, grant, holder.Id, others.Keeping))
                {
                    var removed = await directory.RemoveMemberAsync(db, run.Actor, group, grant.Principal, cancellationToken);
                    if (!removed.Succeeded)
                        return OrderStepOutcome.Failed($"Could not remove {grant.Principal} from {group}: {removed.Errors[0].Message}");
                    outcome = removed.Value ? "removed" : "was not a member";
                }
                else
                {
                    var keeper = AccessLedger.Holders(others.Entries, grant).First(h => h != holder.Id && others.Keeping.Contains(h));
                    outcome = string.Create(CultureInfo.InvariantCulture, $"kept: order {keeper} still grants it");
                }

                await AppendAsync(run, holder, AccessAction.Revoke, group, grant, outcome, cancellationToken);
                lines.Add($"revoked {grant.Principal} → {group} ({outcome})");
            }
        }

        LogChanged(logger, holder.Id, run.Order.Id, change.ToGrant.Count, toRevoke.Count);
        return OrderStepOutcome.Succeeded(Shorten(string.Join("; ", lines) + ".", 16000));
    }

    /// <summary>Appends one ledger row unless a row with its idempotency key exists (written by an earlier, committed run).</summary>
    private static async Task AppendAsync(OrderRun run, Order holder, AccessAction action, string group, AccessGrant grant, string outcome, CancellationToken cancellationToken)
    {
        var key = AccessLedger.IdempotencyKey(action, holder.Id, run.Order.Id, grant);
        var db = run.Database;
        if (db.ChangeTracker.Entries<AccessLedgerRow>().Any(e => e.Entity.IdempotencyKey == key)
            || await db.Set<AccessLedgerRow>().AnyAsync(r => r.IdempotencyKey == key, cancellationToken))
            return;
        db.Add(new AccessLedgerRow
        {
            OrderId = holder.Id,
            RunOrderId = run.Order.Id,
            GroupDn = group,
            GroupKey = grant.Group,
            Principal = grant.Principal,
            Action = action,
            IdempotencyKey = key,
            Outcome = outcome,
            Actor = Shorten(run.Actor.Id, 200),
            At = run.StartedAt,
        });
    }

    /// <summary>Every row about these grants (any order), and which of their holders still keep access.</summary>
    private static async Task<(List<AccessLedgerEntry> Entries, IReadOnlySet<long> Keeping)> OthersAsync(
        IpSolisDbContext db, IReadOnlyList<AccessGrant> grants, long holderId, CancellationToken cancellationToken)
    {
        var groups = grants.Select(g => g.Group).Distinct().ToList();
        var principals = grants.Select(g => g.Principal).Distinct().ToList();
        var rows = await db.Set<AccessLedgerRow>().AsNoTracking()
            .Where(r => groups.Contains(r.GroupKey) && principals.Contains(r.Principal))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var entries = rows.Select(r => r.ToEntry()).Where(e => grants.Contains(e.Grant)).ToList();
        var holderIds = entries.Select(e => e.OrderId).Where(id => id != holderId).Distinct().ToList();
        var statuses = await db.Set<Order>().AsNoTracking()
            .Where(o => holderIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Status }).ToListAsync(cancellationToken);
        return (entries, statuses.Where(o => Keeping.Contains(o.Status)).Select(o => o.Id).ToHashSet());
    }

    /// <summary>
    /// On PostgreSQL, one transaction-scoped advisory lock per person and group, in a fixed order: a grant and a
    /// revoke of the same membership by two orders never decide on what the other has not committed yet.
    /// </summary>
    private static async Task LockAsync(IpSolisDbContext db, IEnumerable<AccessGrant> grants, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL")
            return;
        foreach (var key in grants.Select(LockKey).Distinct().Order())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }

    private static long LockKey(AccessGrant grant) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("access:" + grant.Group + "\n" + grant.Principal)));

    /// <summary>The asset the order's groups are named after: the run's asset, else what was provisioned.</summary>
    private static string? AssetName(OrderRun run) => run.Asset?.Name ?? run.ProvisionedState?.AssetName;

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Group access of order {OrderId} changed by the run of order {RunOrderId}: {Granted} granted, {Revoked} revoked")]
    private static partial void LogChanged(ILogger logger, long orderId, long runOrderId, int granted, int revoked);
}
