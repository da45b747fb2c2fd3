using IpSolis.Domain;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Approvals;

/// <summary>Runtime settings of approvals: who approves classified data, and how long a one-click link lives.</summary>
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

    public static IEnumerable<ISettingDefinition> All =>
        [PiiPolicy, PhiPolicy, PciPolicy, ComplianceOfficerEmail, ComplianceOfficerName, LinkLifetimeDays];

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
