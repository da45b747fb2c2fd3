using IpSolis.Domain;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// Runtime settings of approvals: who approves classified data, how long a one-click link lives, and how pending
/// approvals are chased (reminders, escalation, auto-decline).
/// </summary>
public static class ApprovalSettings
{
    public const string Group = "approvals";

    public static readonly SettingDefinition<string> PiiPolicy = Policy("approvals.policy.pii", "PII");

    public static readonly SettingDefinition<string> PhiPolicy = Policy("approvals.policy.phi", "PHI");

    public static readonly SettingDefinition<string> PciPolicy = Policy("approvals.policy.pci", "PCI");

    public static readonly SettingDefinition<string> ComplianceOfficerEmail = SettingDefinitions.Text(
        "approvals.compliance_officer_email", "", "Compliance officer (email)",
        "Approves orders carrying classified data whose policy is compliance_officer.", Group, 320,
        text => text.Length == 0 || Domain.Orders.OrderPeople.CheckEmail(text, "email").Succeeded ? null : "Enter an email address.");

    public static readonly SettingDefinition<string> ComplianceOfficerName = SettingDefinitions.Text(
        "approvals.compliance_officer_name", "", "Compliance officer (name)", "", Group, 200);

    public static readonly SettingDefinition<int> LinkLifetimeDays = SettingDefinitions.Integer(
        "approvals.link_lifetime_days", 14, 1, 90, "One-click approval links are valid (days)",
        "How long the link in an approval request works.", Group);

    public static readonly SettingDefinition<bool> RemindersEnabled = SettingDefinitions.Boolean(
        "approvals.reminders_enabled", true, "Remind approvers",
        "true or false: pending approvals are reminded by mail (and Teams/Slack) with their signed link.", Group);

    public static readonly SettingDefinition<int> ReminderAfterHours = SettingDefinitions.Integer(
        "approvals.reminder_after_hours", 24, 1, 720, "Remind every (hours)",
        "Hours between the request (or the last reminder) and the next reminder; also the wait before escalation.", Group);

    public static readonly SettingDefinition<int> MaxReminders = SettingDefinitions.Integer(
        "approvals.max_reminders", 3, 0, ApprovalFollowUps.MaxRemindersLimit, "Reminders at most",
        "After this many reminders (and one more interval) the approval is escalated.", Group);

    public static readonly SettingDefinition<string> EscalationContacts = SettingDefinitions.Text(
        "approvals.escalation_contacts", "", "Escalation contacts (emails)",
        "Comma-separated emails told when reminders ran out; empty: no escalation.", Group, 2000, CheckContacts);

    public static readonly SettingDefinition<string> EscalationMode = SettingDefinitions.Text(
        "approvals.escalation_mode", "notify", "Escalation",
        "notify (mail the contacts a link to the order) or assign (each contact gets a decision of their own, which alone settles that approval).",
        Group, 16, text => text is "notify" or "assign" ? null : "Choose notify or assign.");

    public static readonly SettingDefinition<int> AutoDeclineAfterDays = SettingDefinitions.Integer(
        "approvals.auto_decline_after_days", 0, 0, 365, "Auto-decline after (days)",
        "Decline an order whose oldest pending approval waited this many days; 0 turns auto-decline off.", Group);

    public static readonly SettingDefinition<string> AutoDeclineMessage = SettingDefinitions.Text(
        "approvals.auto_decline_message", DefaultAutoDeclineMessage, "Auto-decline message",
        "The reason the requester reads when an order is auto-declined.", Group, 500,
        text => text.Length == 0 ? "Enter the message the requester reads." : null);

    public const string DefaultAutoDeclineMessage = "No decision was recorded within the configured time. Order again if you still need it.";

    public static IEnumerable<ISettingDefinition> All =>
        [PiiPolicy, PhiPolicy, PciPolicy, ComplianceOfficerEmail, ComplianceOfficerName, LinkLifetimeDays,
         RemindersEnabled, ReminderAfterHours, MaxReminders, EscalationContacts, EscalationMode, AutoDeclineAfterDays, AutoDeclineMessage];

    /// <summary>The follow-up policy as configured now.</summary>
    public static async Task<ApprovalFollowUpPolicy> FollowUpPolicyAsync(SettingsStore settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var days = await settings.GetAsync(AutoDeclineAfterDays, cancellationToken);
        return new ApprovalFollowUpPolicy
        {
            RemindersEnabled = await settings.GetAsync(RemindersEnabled, cancellationToken),
            ReminderInterval = TimeSpan.FromHours(await settings.GetAsync(ReminderAfterHours, cancellationToken)),
            MaxReminders = await settings.GetAsync(MaxReminders, cancellationToken),
            EscalationContacts = Contacts(await settings.GetAsync(EscalationContacts, cancellationToken)),
            AssignEscalation = await settings.GetAsync(EscalationMode, cancellationToken) == "assign",
            AutoDeclineAfter = days > 0 ? TimeSpan.FromDays(days) : null,
        };
    }

    /// <summary>The contacts of a saved list (entries that are not emails are left out; saving refuses them).</summary>
    public static IReadOnlyList<Approver> Contacts(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(e => Domain.Orders.OrderPeople.CheckEmail(e, "email").Succeeded)
            .Select(e => new Approver(e.ToLowerInvariant(), e.ToLowerInvariant()))
            .DistinctBy(a => a.Key)
            .ToList();

    private static string? CheckContacts(string text)
    {
        var entries = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length > 20)
            return "Name at most 20 escalation contacts.";
        var bad = entries.FirstOrDefault(e => !Domain.Orders.OrderPeople.CheckEmail(e, "email").Succeeded);
        return bad is null ? null : $"'{(bad.Length > 60 ? bad[..60] + "…" : bad)}' is not an email address; separate addresses with commas.";
    }

    /// <summary>The configured policy per class (unreadable stored values count as none).</summary>
    public static async Task<IReadOnlyDictionary<Classification, ClassificationPolicy>> PoliciesAsync(SettingsStore settings, CancellationToken cancellationToken)
    {
        var policies = new Dictionary<Classification, ClassificationPolicy>();
        foreach (var (classification, definition) in new[] { (Classification.Pii, PiiPolicy), (Classification.Phi, PhiPolicy), (Classification.Pci, PciPolicy) })
        {
            var text = await settings.GetAsync(definition, cancellationToken);
            policies[classification] = WireName<ClassificationPolicy>.TryParse(text, out var policy) ? policy : ClassificationPolicy.None;
        }

        return policies;
    }

    private static SettingDefinition<string> Policy(string key, string label) => SettingDefinitions.Text(
        key, "none", $"Who else approves {label} data",
        "none, compliance_officer (the officer below) or owner_of_record (the type's application owners).", Group, 32,
        text => WireName<ClassificationPolicy>.TryParse(text, out _) ? null : "Choose none, compliance_officer or owner_of_record.");
}
