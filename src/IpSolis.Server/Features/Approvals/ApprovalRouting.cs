using System.Globalization;
using System.Text.Json;
using IpSolis.Domain;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// Routes a new order through the type's approval configuration (<see cref="ApprovalPlans.Build"/>) and writes its
/// approval rows in the placement transaction. An order whose plan cannot be built (no manager in the directory, no
/// owners, no compliance officer) is refused with that reason: it is never left waiting for nobody.
/// </summary>
/// <remarks>
/// The manager look-up (possibly LDAP) runs in <see cref="PrepareAsync"/>, which placement calls before its
/// transaction opens, so SQLite's single writer is never held across a directory call. Re-approval of a change still
/// looks the manager up in its transaction (it calls the routing without a preparation).
/// </remarks>
public sealed class ApprovalRouting(
    IPersonDirectory directory,
    SettingsStore settings,
    ApprovalLinks links,
    IApprovalNotifier notifier,
    TimeProvider time) : IApprovalRouting
{
    public Task<Result<bool>> RouteAsync(IpSolisDbContext db, AssetType type, Order order, OrderCaller caller, CancellationToken cancellationToken) =>
        RouteAsync(db, type, order, caller, null, cancellationToken);

    public async Task<Result<ApprovalPreparation>> PrepareAsync(AssetType type, string recipientEmail, OrderCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientEmail);
        if (!type.Approval.RequiresManager)
            return ApprovalPreparation.Nothing(recipientEmail);
        DirectoryEntry? entry;
        try
        {
            entry = await directory.FindManagerAsync(recipientEmail, cancellationToken);
        }
        catch (DirectoryUnavailableException ex)
        {
            return OrderErrors.DirectoryUnavailable(ex.Message);
        }

        return entry is not null && !string.IsNullOrWhiteSpace(entry.Email)
            ? new ApprovalPreparation(recipientEmail, true, entry.Email.Trim().ToLowerInvariant(), entry.DisplayName ?? entry.Email)
            : new ApprovalPreparation(recipientEmail, true);
    }

    public async Task<Result<bool>> RouteAsync(IpSolisDbContext db, AssetType type, Order order, OrderCaller caller, ApprovalPreparation? prepared, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var plan = await PlanAsync(db, type, order, caller, prepared, FactsOf(type, order), cancellationToken);
        if (!plan.Succeeded)
            return Result<bool>.Failure([.. plan.Errors.Select(e => e with { Field = e.Field ?? "assetTypeId" })]);
        if (plan.Value.Count == 0)
            return false;

        var rows = plan.Value.Select(p => new OrderApproval
        {
            OrderId = order.Id,
            ApproverEmail = p.Approver.Key,
            ApproverName = p.Approver.Name,
            Source = p.Source,
            RuleName = p.RuleName,
            Bucket = p.Bucket,
            Threshold = p.Threshold,
            SodExempt = p.SodExempt,
            OnBehalfOfEmail = p.OnBehalfOf?.Key,
            OnBehalfOfName = p.OnBehalfOf?.Name,
            Status = p.PreApproved ? ApprovalState.Approved : ApprovalState.Pending,
            DecidedAt = p.PreApproved ? now : null,
            Comment = p.PreApproved ? "Placed the order as the manager." : null,
            CreatedAt = now,
        }).ToList();
        db.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);

        // Rows approved at creation (the manager placed the order) may already complete the approval.
        if (ApprovalQuorum.Evaluate(rows.Select(r => r.Vote).ToList()) == ApprovalOutcome.Approved)
        {
            foreach (var pending in rows.Where(r => r.Status == ApprovalState.Pending))
                pending.Status = ApprovalState.Superseded;
            return false;
        }

        var lifetime = await settings.GetAsync(ApprovalSettings.LinkLifetimeDays, cancellationToken);
        foreach (var row in rows.Where(r => r.Status == ApprovalState.Pending))
        {
            var token = links.Issue(row.Id, row.ApproverEmail, now.AddDays(lifetime));
            await notifier.ApprovalRequestedAsync(db, row, "/approve/" + token, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Who must approve <paramref name="order"/> (not saved by this method): the routing plan from the type's
    /// configuration, the directory, the settings and the delegations in force. Placement writes it; the "who would
    /// approve" preview only shows it.
    /// </summary>
    internal async Task<Result<IReadOnlyList<PlannedApproval>>> PlanAsync(
        IpSolisDbContext db, AssetType type, Order order, OrderCaller caller, ApprovalPreparation? prepared, ApprovalFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(caller);
        var setup = type.Approval;
        var now = time.GetUtcNow();

        Approver? manager = null;
        var placedByManager = false;
        if (setup.RequiresManager)
        {
            var recipient = order.OwnerEmail ?? order.RequesterEmail;
            // Looked up before the transaction for this very person; otherwise (a change's re-approval) here.
            if (prepared is not { ManagerLookedUp: true } || !string.Equals(prepared.RecipientEmail, recipient, StringComparison.OrdinalIgnoreCase))
            {
                var looked = await PrepareAsync(type, recipient, caller, cancellationToken);
                if (!looked.Succeeded)
                    return Result<IReadOnlyList<PlannedApproval>>.Failure([.. looked.Errors]);
                prepared = looked.Value;
            }

            if (prepared.ManagerEmail is { } managerEmail)
            {
                manager = new Approver(managerEmail, prepared.ManagerName ?? managerEmail);
                placedByManager = PlacerIdentities(caller).Contains(manager.Key, StringComparer.OrdinalIgnoreCase);
            }
        }

        var officerEmail = await settings.GetAsync(ApprovalSettings.ComplianceOfficerEmail, cancellationToken);
        var officerName = await settings.GetAsync(ApprovalSettings.ComplianceOfficerName, cancellationToken);
        var delegations = await db.Set<DelegationWindow>().AsNoTracking()
            .Where(d => d.RevokedAt == null && d.Until > now)
            .ToListAsync(cancellationToken);

        var circumstances = new ApprovalCircumstances
        {
            Facts = facts,
            Manager = manager,
            PlacedByManager = placedByManager,
            ClassificationPolicies = await ApprovalSettings.PoliciesAsync(settings, cancellationToken),
            ComplianceOfficer = string.IsNullOrWhiteSpace(officerEmail)
                ? null
                : new Approver(officerEmail.Trim().ToLowerInvariant(), string.IsNullOrWhiteSpace(officerName) ? officerEmail : officerName),
            Delegations = delegations.Where(d => d.From <= now).Select(d => d.ToDelegation()).ToList(),
            Now = now,
        };
        return ApprovalPlans.Build(setup, circumstances);
    }

    /// <summary>What the rules may look at, taken from the order as placed.</summary>
    internal static ApprovalFacts FactsOf(AssetType type, Order order)
    {
        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var values = OrderAttributes.Read(order.AttributesJson);
        foreach (var property in values.EnumerateObject())
        {
            IReadOnlyList<string> texts = property.Value.ValueKind switch
            {
                JsonValueKind.Array => property.Value.EnumerateArray().Select(Text).Where(t => t is not null).Select(t => t!).ToList(),
                JsonValueKind.Null => [],
                _ => Text(property.Value) is { } text ? [text] : [],
            };
            attributes[property.Name] = texts;
        }

        // A classified attribute counts when the order carries a value for it.
        var carried = type.Attributes
            .Where(a => attributes.TryGetValue(a.Key, out var v) && v.Any(t => t.Length > 0))
            .Select(a => a.Classification)
            .ToHashSet();
        return new ApprovalFacts
        {
            DurationDays = Math.Round((decimal)(order.RequestedUntil - order.RequestedFrom).TotalDays, 2),
            MonthlyCost = type.MonthlyCost,
            HasPii = carried.Contains(Classification.Pii),
            HasPhi = carried.Contains(Classification.Phi),
            HasPci = carried.Contains(Classification.Pci),
            RequesterDepartment = order.RequesterDepartment,
            RequesterCostCenter = order.RequesterCostCenter,
            RequesterTitle = order.RequesterTitle,
            Attributes = attributes,
        };
    }

    private static string? Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>Who placed the order, as identities a manager's email can match: a portal user's email, or an
    /// administrator's account name.</summary>
    private static IEnumerable<string> PlacerIdentities(OrderCaller caller)
    {
        if (caller.PortalEmail is { } email)
            yield return email;
        foreach (var identity in ApprovalIdentities.OfActor(caller.Actor.Id))
            yield return identity;
    }
}
