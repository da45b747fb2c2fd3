using System.Globalization;
using System.Text.Json;
using IpSolis.Domain;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// "Who would approve": runs a sample order through the same routing placement uses (<see cref="ApprovalRouting.PlanAsync"/>)
/// against the saved type, the directory, the settings and the delegations in force, and says who would be asked, in
/// which bucket and why. Writes nothing: the order is never saved and no link is issued.
/// </summary>
public sealed class ApprovalPreview(
    IDbContextFactory<IpSolisDbContext> contexts,
    ApprovalRouting routing,
    IPersonDirectory directory,
    TimeProvider time)
{
    public const int MaxAttributes = 50;

    public async Task<Result<ApprovalPreviewResult>> PreviewAsync(AssetType type, ApprovalSample sample, OrderCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new List<DomainError>();
        var requester = OrderPeople.CheckEmail(sample.RequesterEmail, "requesterEmail");
        errors.AddRange(requester.Errors);
        string? owner = null;
        if (!string.IsNullOrWhiteSpace(sample.OwnerEmail))
        {
            var checkedOwner = OrderPeople.CheckEmail(sample.OwnerEmail, "ownerEmail");
            errors.AddRange(checkedOwner.Errors);
            owner = checkedOwner.Succeeded ? checkedOwner.Value : null;
        }

        var days = sample.DurationDays ?? type.DefaultDurationDays ?? 30;
        if (days is < 1 or > 3650)
            errors.Add(new DomainError("approval_preview.duration", "The duration is between 1 and 3650 days.", "durationDays"));
        if (sample.MonthlyCost is < 0 or > 10_000_000)
            errors.Add(new DomainError("approval_preview.cost", "The monthly cost is a number from 0 to 10,000,000.", "monthlyCost"));
        if (sample.Attributes.Count > MaxAttributes)
            errors.Add(new DomainError("approval_preview.attributes", $"At most {MaxAttributes} attribute values.", "attributes"));
        foreach (var (key, value) in sample.Attributes)
        {
            if (ApprovalFields.AttributeKey(ApprovalFields.AttributePrefix + key) is null)
                errors.Add(new DomainError("approval_preview.attribute_key", $"'{Shorten(key)}' is not an attribute key (letters, digits, _ and -).", "attributes"));
            else if (value.Length > ApprovalConditions.MaxValueLength)
                errors.Add(new DomainError("approval_preview.attribute_value", $"The value of {key} may be at most {ApprovalConditions.MaxValueLength} characters.", "attributes"));
        }

        if (errors.Count > 0)
            return Result<ApprovalPreviewResult>.Failure([.. errors]);

        DirectoryEntry? person;
        try
        {
            person = await directory.FindPersonAsync(requester.Value, cancellationToken);
        }
        catch (DirectoryUnavailableException ex)
        {
            return OrderErrors.DirectoryUnavailable(ex.Message);
        }

        var now = time.GetUtcNow();
        var order = new Order
        {
            AssetTypeId = type.Id,
            RequesterEmail = requester.Value,
            RequesterName = person?.DisplayName ?? requester.Value,
            OwnerEmail = owner,
            PlacedBy = caller.Actor.Id,
            Source = "preview",
            RequestedFrom = now,
            RequestedUntil = now.AddDays(days),
            AttributesJson = JsonSerializer.Serialize(sample.Attributes),
            RequesterDepartment = person?.Department,
            RequesterCostCenter = person?.CostCenter,
            RequesterTitle = person?.Title,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var facts = ApprovalRouting.FactsOf(type, order);
        if (sample.MonthlyCost is { } cost)
            facts = facts with { MonthlyCost = cost };

        var rules = type.Approval.Rules
            .Select(r => ApprovalConditions.Matches(r.Condition, facts) ? $"'{r.Name}' matches this order." : $"'{r.Name}' does not match this order.")
            .ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prepared = await routing.PrepareAsync(type, owner ?? requester.Value, caller, cancellationToken);
        if (!prepared.Succeeded)
            return new ApprovalPreviewResult(false, [], [.. prepared.Errors.Select(e => e.Message)], rules);
        var plan = await routing.PlanAsync(db, type, order, caller, prepared.Value, facts, cancellationToken);
        if (!plan.Succeeded)
            return new ApprovalPreviewResult(false, [], [.. plan.Errors.Select(e => e.Message)], rules);

        var rows = plan.Value.Select(p => new ApprovalPreviewRow(
            p.Approver.Key, p.Approver.Name, WireName<ApprovalSource>.Of(p.Source), p.Bucket, p.Threshold, p.RuleName, p.OnBehalfOf?.Key,
            p.PreApproved, Reason(p, owner ?? requester.Value))).ToList();
        return new ApprovalPreviewResult(ApprovalPlans.NeedsDecision(plan.Value), rows, [], rules);
    }

    private static string Reason(PlannedApproval p, string recipient)
    {
        var why = p.Source switch
        {
            ApprovalSource.Manager => $"Manager of {recipient} in the directory.",
            ApprovalSource.Owner => "Application owner of this type.",
            ApprovalSource.Rule => $"Named by the rule '{p.RuleName}', which matches.",
            ApprovalSource.ComplianceOfficer => "Compliance officer: the order carries classified data.",
            ApprovalSource.OwnerOfRecord => "Owner of record: the order carries classified data.",
            _ => "Escalation contact.",
        };
        var quorum = p.Bucket is null
            ? (p.Threshold is > 0 ? $" General bucket: {p.Threshold.Value.ToString(CultureInfo.InvariantCulture)} approval(s) needed." : " General bucket: everyone asked approves.")
            : $" Own bucket of the rule '{p.Bucket}': {p.Threshold.GetValueOrDefault().ToString(CultureInfo.InvariantCulture)} approval(s) needed.";
        var delegated = p.OnBehalfOf is { } away ? $" Stands in for {away.Key}, who is away." : "";
        var preApproved = p.PreApproved ? " Approved at once: the manager places the order." : "";
        return why + quorum + delegated + preApproved;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
