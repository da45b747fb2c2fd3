namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// Every event that sends mail (reference §4.3, plus the certification and cost events the reference referenced but
/// never seeded, §11 item 17, and order failures), with its built-in English and German text. Operators edit them
/// on <c>/ui/notifications/templates</c>; an edit is stored as a <see cref="NotificationTemplate"/> row.
/// </summary>
public static class BuiltInTemplates
{
    public const string OrderConfirmation = "order_confirmation";
    public const string ProvisionConfirmation = "provision_confirmation";
    public const string ModifyConfirmation = "modify_confirmation";
    public const string ExpiryReminder = "expiry_reminder";
    public const string ReclaimNotification = "reclaim_notification";
    public const string OrderFailed = "order_failed";
    public const string ApprovalRequest = "approval_request";
    public const string ApprovalReminder = "approval_reminder";
    public const string ApprovalGranted = "approval_granted";
    public const string ApprovalDeclined = "approval_declined";
    public const string ApprovalEscalated = "approval_escalated";
    public const string ApprovalEscalationAssigned = "approval_escalation_assigned";
    public const string CertificationKickoff = "certification_kickoff";
    public const string CertificationReminder = "certification_reminder";
    public const string CertificationOverdue = "certification_overdue";
    public const string CertificationEscalation = "certification_escalation";
    public const string CostThresholdBreach = "cost_threshold_breach";

    private static readonly Dictionary<string, string> Order = new()
    {
        ["requester_name"] = "Dana Example",
        ["requester_email"] = "dana@example.com",
        ["owner_name"] = "Sam Owner",
        ["asset_type_name"] = "Windows 11 desktop",
        ["order_id"] = "1042",
        ["asset_name"] = "VDI-0042",
        ["order_url"] = "https://ipsolis.example.com/portal/orders/1042",
    };

    private static readonly Dictionary<string, string> Approval = new()
    {
        ["approver_name"] = "Alex Approver",
        ["requester_name"] = "Dana Example",
        ["requester_email"] = "dana@example.com",
        ["asset_type_name"] = "Windows 11 desktop",
        ["from_date"] = "2026-05-04",
        ["until_date"] = "2026-08-04",
        ["justification"] = "Project Apollo needs a build machine.",
        ["approval_url"] = "https://ipsolis.example.com/approve/sample",
    };

    private static readonly Dictionary<string, string> Campaign = new()
    {
        ["reviewer_name"] = "Rita Reviewer",
        ["campaign_name"] = "Q2 access review",
        ["due_date"] = "2026-06-30",
        ["review_url"] = "https://ipsolis.example.com/review/sample",
    };

    public static readonly IReadOnlyList<TemplateDefinition> All =
    [
        new(OrderConfirmation, "Order received", "Requester, and the owner when different",
            With(Order, ("from_date", "2026-05-04"), ("until_date", "2026-08-04"), ("scheduled_note", "")),
            new("Your order: {{asset_type_name}}",
                "<p>Hello {{recipient_name}},</p><p>we received the order of <strong>{{asset_type_name}}</strong> for {{requester_name}}, from {{from_date}} until {{until_date}}.</p>{{#if scheduled_note}}<p>{{scheduled_note}}</p>{{/if}}<p><a href=\"{{order_url}}\">Show order {{order_id}}</a></p>"),
            new("Ihre Bestellung: {{asset_type_name}}",
                "<p>Hallo {{recipient_name}},</p><p>wir haben die Bestellung von <strong>{{asset_type_name}}</strong> für {{requester_name}} erhalten, vom {{from_date}} bis {{until_date}}.</p>{{#if scheduled_note}}<p>{{scheduled_note}}</p>{{/if}}<p><a href=\"{{order_url}}\">Bestellung {{order_id}} anzeigen</a></p>")),
        new(ProvisionConfirmation, "Order ready", "Requester (with an .rdp file for a personal desktop)",
            With(Order, ("asset_name", "VDI-0042"), ("expires_at", "2026-08-04 17:00 UTC"), ("rdp_users", "dana@example.com"), ("rds_gateway_url", "")),
            new("Ready: {{asset_type_name}} {{asset_name}}",
                "<p>Hello {{recipient_name}},</p><p><strong>{{asset_type_name}}</strong> is ready for you{{#if asset_name}}: <strong>{{asset_name}}</strong>{{/if}}.</p><p>It is yours until {{expires_at}}.{{#if rdp_users}} Remote desktop users: {{rdp_users}}.{{/if}}</p>{{#if rds_gateway_url}}<p>Connect through the gateway {{rds_gateway_url}}.</p>{{/if}}<p><a href=\"{{order_url}}\">Show order {{order_id}}</a></p>"),
            new("Bereit: {{asset_type_name}} {{asset_name}}",
                "<p>Hallo {{recipient_name}},</p><p><strong>{{asset_type_name}}</strong> steht für Sie bereit{{#if asset_name}}: <strong>{{asset_name}}</strong>{{/if}}.</p><p>Es gehört Ihnen bis {{expires_at}}.{{#if rdp_users}} Remotedesktop-Benutzer: {{rdp_users}}.{{/if}}</p>{{#if rds_gateway_url}}<p>Verbinden Sie sich über das Gateway {{rds_gateway_url}}.</p>{{/if}}<p><a href=\"{{order_url}}\">Bestellung {{order_id}} anzeigen</a></p>")),
        new(ModifyConfirmation, "Change carried out", "Requester",
            With(Order, ("asset_name", "VDI-0042"), ("expires_at", "2026-09-04 17:00 UTC"), ("rdp_users", "dana@example.com")),
            new("Changed: {{asset_type_name}} {{asset_name}}",
                "<p>Hello {{recipient_name}},</p><p>your change of <strong>{{asset_type_name}}</strong> {{asset_name}} was carried out. It now ends {{expires_at}}.{{#if rdp_users}} Remote desktop users: {{rdp_users}}.{{/if}}</p><p><a href=\"{{order_url}}\">Show order {{order_id}}</a></p>"),
            new("Geändert: {{asset_type_name}} {{asset_name}}",
                "<p>Hallo {{recipient_name}},</p><p>Ihre Änderung an <strong>{{asset_type_name}}</strong> {{asset_name}} wurde durchgeführt. Es endet jetzt am {{expires_at}}.{{#if rdp_users}} Remotedesktop-Benutzer: {{rdp_users}}.{{/if}}</p><p><a href=\"{{order_url}}\">Bestellung {{order_id}} anzeigen</a></p>")),
        new(ExpiryReminder, "Expiry reminder", "Requester, and the owner when different",
            With(Order, ("asset_name", "VDI-0042"), ("expires_at", "2026-08-04 17:00 UTC"), ("hours_remaining", "72")),
            new("Ends in {{hours_remaining}} hours: {{asset_type_name}} {{asset_name}}",
                "<p>Hello {{recipient_name}},</p><p><strong>{{asset_type_name}}</strong> {{asset_name}} of {{requester_name}} ends {{expires_at}}, in {{hours_remaining}} hours. Afterwards it is taken back.</p><p>Need it longer? Extend it in the portal.</p><p><a href=\"{{order_url}}\">Extend or return order {{order_id}}</a></p>"),
            new("Endet in {{hours_remaining}} Stunden: {{asset_type_name}} {{asset_name}}",
                "<p>Hallo {{recipient_name}},</p><p><strong>{{asset_type_name}}</strong> {{asset_name}} von {{requester_name}} endet am {{expires_at}}, in {{hours_remaining}} Stunden. Danach wird es zurückgenommen.</p><p>Sie brauchen es länger? Verlängern Sie es im Portal.</p><p><a href=\"{{order_url}}\">Bestellung {{order_id}} verlängern oder zurückgeben</a></p>")),
        new(ReclaimNotification, "Taken back", "Requester, and the owner when different",
            With(Order, ("asset_name", "VDI-0042"), ("reason", "Its end date has passed.")),
            new("Taken back: {{asset_type_name}} {{asset_name}}",
                "<p>Hello {{recipient_name}},</p><p><strong>{{asset_type_name}}</strong> {{asset_name}} of {{requester_name}} is being taken back. {{reason}}</p><p>Order it again in the portal if you still need it.</p><p><a href=\"{{order_url}}\">Show order {{order_id}}</a></p>"),
            new("Zurückgenommen: {{asset_type_name}} {{asset_name}}",
                "<p>Hallo {{recipient_name}},</p><p><strong>{{asset_type_name}}</strong> {{asset_name}} von {{requester_name}} wird zurückgenommen. {{reason}}</p><p>Bestellen Sie es im Portal neu, wenn Sie es noch brauchen.</p><p><a href=\"{{order_url}}\">Bestellung {{order_id}} anzeigen</a></p>")),
        new(OrderFailed, "Order failed", "Requester",
            With(Order, ("error_summary", "The directory did not answer.")),
            new("Could not be delivered: {{asset_type_name}}",
                "<p>Hello {{recipient_name}},</p><p>order {{order_id}} of <strong>{{asset_type_name}}</strong> could not be carried out: {{error_summary}}</p><p>IT has been told and can retry it; you do not need to order again.</p><p><a href=\"{{order_url}}\">Show order {{order_id}}</a></p>"),
            new("Konnte nicht ausgeführt werden: {{asset_type_name}}",
                "<p>Hallo {{recipient_name}},</p><p>Bestellung {{order_id}} von <strong>{{asset_type_name}}</strong> konnte nicht ausgeführt werden: {{error_summary}}</p><p>Die IT ist informiert und kann sie wiederholen; Sie müssen nicht neu bestellen.</p><p><a href=\"{{order_url}}\">Bestellung {{order_id}} anzeigen</a></p>")),
        new(ApprovalRequest, "Approval request", "Approver (and Teams, Slack)",
            Approval,
            new("Approval needed: {{asset_type_name}} for {{requester_name}}",
                "<p>Hello {{approver_name}},</p><p>{{requester_name}} ({{requester_email}}) asks for <strong>{{asset_type_name}}</strong> from {{from_date}} until {{until_date}}.</p>{{#if justification}}<p>Justification: {{justification}}</p>{{/if}}<p><a href=\"{{approval_url}}\">Approve or decline</a></p><p>The link is signed for you and works once.</p>"),
            new("Genehmigung nötig: {{asset_type_name}} für {{requester_name}}",
                "<p>Hallo {{approver_name}},</p><p>{{requester_name}} ({{requester_email}}) bittet um <strong>{{asset_type_name}}</strong> vom {{from_date}} bis {{until_date}}.</p>{{#if justification}}<p>Begründung: {{justification}}</p>{{/if}}<p><a href=\"{{approval_url}}\">Genehmigen oder ablehnen</a></p><p>Der Link ist für Sie signiert und gilt einmal.</p>")),
        new(ApprovalReminder, "Approval reminder", "Approver (and Teams, Slack)",
            With(Approval, ("reminder_count", "2")),
            new("Reminder {{reminder_count}}: approval needed for {{requester_name}}",
                "<p>Hello {{approver_name}},</p><p>{{requester_name}} is still waiting for your decision on <strong>{{asset_type_name}}</strong> ({{from_date}} – {{until_date}}).</p>{{#if justification}}<p>Justification: {{justification}}</p>{{/if}}<p><a href=\"{{approval_url}}\">Approve or decline</a></p>"),
            new("Erinnerung {{reminder_count}}: Genehmigung für {{requester_name}} nötig",
                "<p>Hallo {{approver_name}},</p><p>{{requester_name}} wartet noch auf Ihre Entscheidung zu <strong>{{asset_type_name}}</strong> ({{from_date}} – {{until_date}}).</p>{{#if justification}}<p>Begründung: {{justification}}</p>{{/if}}<p><a href=\"{{approval_url}}\">Genehmigen oder ablehnen</a></p>")),
        new(ApprovalGranted, "Approval granted", "Requester",
            With(Order, ("approver_name", "Alex Approver")),
            new("Approved: {{asset_type_name}}",
                "<p>Hello {{recipient_name}},</p><p>{{approver_name}} approved your order of <strong>{{asset_type_name}}</strong>. It is being prepared now.</p><p><a href=\"{{order_url}}\">Show order {{order_id}}</a></p>"),
            new("Genehmigt: {{asset_type_name}}",
                "<p>Hallo {{recipient_name}},</p><p>{{approver_name}} hat Ihre Bestellung von <strong>{{asset_type_name}}</strong> genehmigt. Sie wird jetzt vorbereitet.</p><p><a href=\"{{order_url}}\">Bestellung {{order_id}} anzeigen</a></p>")),
        new(ApprovalDeclined, "Approval declined", "Requester",
            With(Order, ("approver_name", "Alex Approver"), ("decline_reason", "Please use the shared pool instead.")),
            new("Declined: {{asset_type_name}}",
                "<p>Hello {{recipient_name}},</p><p>{{approver_name}} declined your order of <strong>{{asset_type_name}}</strong>.</p>{{#if decline_reason}}<p>Reason: {{decline_reason}}</p>{{/if}}<p><a href=\"{{order_url}}\">Show order {{order_id}}</a></p>"),
            new("Abgelehnt: {{asset_type_name}}",
                "<p>Hallo {{recipient_name}},</p><p>{{approver_name}} hat Ihre Bestellung von <strong>{{asset_type_name}}</strong> abgelehnt.</p>{{#if decline_reason}}<p>Begründung: {{decline_reason}}</p>{{/if}}<p><a href=\"{{order_url}}\">Bestellung {{order_id}} anzeigen</a></p>")),
        new(ApprovalEscalated, "Approval escalated", "Escalation contacts",
            With(Approval, ("approver_email", "alex@example.com"), ("reminder_count", "3")),
            new("Escalated: {{requester_name}} waits for {{approver_name}}",
                "<p>Hello {{recipient_name}},</p><p>{{approver_name}} ({{approver_email}}) has not decided on <strong>{{asset_type_name}}</strong> for {{requester_name}} ({{requester_email}}, {{from_date}} – {{until_date}}) after {{reminder_count}} reminders.</p><p><a href=\"{{approval_url}}\">Open the order</a></p>"),
            new("Eskaliert: {{requester_name}} wartet auf {{approver_name}}",
                "<p>Hallo {{recipient_name}},</p><p>{{approver_name}} ({{approver_email}}) hat nach {{reminder_count}} Erinnerungen nicht über <strong>{{asset_type_name}}</strong> für {{requester_name}} ({{requester_email}}, {{from_date}} – {{until_date}}) entschieden.</p><p><a href=\"{{approval_url}}\">Bestellung öffnen</a></p>")),
        new(ApprovalEscalationAssigned, "Escalation assigned", "Each escalation contact",
            With(Approval, ("approver_email", "alex@example.com"), ("reminder_count", "3")),
            new("Your decision: {{asset_type_name}} for {{requester_name}}",
                "<p>Hello {{recipient_name}},</p><p>{{approver_name}} did not decide on <strong>{{asset_type_name}}</strong> for {{requester_name}} ({{from_date}} – {{until_date}}); the decision is now yours.</p>{{#if justification}}<p>Justification: {{justification}}</p>{{/if}}<p><a href=\"{{approval_url}}\">Approve or decline</a></p>"),
            new("Ihre Entscheidung: {{asset_type_name}} für {{requester_name}}",
                "<p>Hallo {{recipient_name}},</p><p>{{approver_name}} hat nicht über <strong>{{asset_type_name}}</strong> für {{requester_name}} ({{from_date}} – {{until_date}}) entschieden; die Entscheidung liegt jetzt bei Ihnen.</p>{{#if justification}}<p>Begründung: {{justification}}</p>{{/if}}<p><a href=\"{{approval_url}}\">Genehmigen oder ablehnen</a></p>")),
        new(CertificationKickoff, "Certification started", "Reviewer",
            With(Campaign, ("review_count", "12")),
            new("Please review {{review_count}} accesses: {{campaign_name}}",
                "<p>Hello {{reviewer_name}},</p><p>the access review <strong>{{campaign_name}}</strong> started. Please confirm or revoke {{review_count}} accesses by {{due_date}}.</p><p><a href=\"{{review_url}}\">Open my review queue</a></p>"),
            new("Bitte prüfen Sie {{review_count}} Zugriffe: {{campaign_name}}",
                "<p>Hallo {{reviewer_name}},</p><p>die Zugriffsprüfung <strong>{{campaign_name}}</strong> hat begonnen. Bitte bestätigen oder entziehen Sie {{review_count}} Zugriffe bis {{due_date}}.</p><p><a href=\"{{review_url}}\">Meine Prüfliste öffnen</a></p>")),
        new(CertificationReminder, "Certification reminder", "Reviewer",
            With(Campaign, ("pending_count", "4"), ("days_left", "7")),
            new("{{days_left}} days left: {{pending_count}} reviews open in {{campaign_name}}",
                "<p>Hello {{reviewer_name}},</p><p>{{pending_count}} of your reviews in <strong>{{campaign_name}}</strong> are still open; the review ends {{due_date}}, in {{days_left}} days.</p><p><a href=\"{{review_url}}\">Open my review queue</a></p>"),
            new("Noch {{days_left}} Tage: {{pending_count}} Prüfungen offen in {{campaign_name}}",
                "<p>Hallo {{reviewer_name}},</p><p>{{pending_count}} Ihrer Prüfungen in <strong>{{campaign_name}}</strong> sind noch offen; die Prüfung endet am {{due_date}}, in {{days_left}} Tagen.</p><p><a href=\"{{review_url}}\">Meine Prüfliste öffnen</a></p>")),
        new(CertificationOverdue, "Certification overdue", "Reviewer",
            With(Campaign, ("pending_count", "4"), ("auto_revoke_warning", "Open reviews are revoked automatically in 3 days.")),
            new("Overdue: {{pending_count}} reviews in {{campaign_name}}",
                "<p>Hello {{reviewer_name}},</p><p>the review <strong>{{campaign_name}}</strong> was due {{due_date}} and {{pending_count}} of your reviews are still open.</p>{{#if auto_revoke_warning}}<p><strong>{{auto_revoke_warning}}</strong></p>{{/if}}<p><a href=\"{{review_url}}\">Open my review queue</a></p>"),
            new("Überfällig: {{pending_count}} Prüfungen in {{campaign_name}}",
                "<p>Hallo {{reviewer_name}},</p><p>die Prüfung <strong>{{campaign_name}}</strong> war am {{due_date}} fällig, und {{pending_count}} Ihrer Prüfungen sind noch offen.</p>{{#if auto_revoke_warning}}<p><strong>{{auto_revoke_warning}}</strong></p>{{/if}}<p><a href=\"{{review_url}}\">Meine Prüfliste öffnen</a></p>")),
        new(CertificationEscalation, "Certification escalated", "Escalation contacts",
            new Dictionary<string, string>
            {
                ["campaign_name"] = "Q2 access review",
                ["due_date"] = "2026-06-30",
                ["reviewer_count"] = "3",
                ["reviewer_summary"] = "Rita Reviewer (4 open), Ben Boss (2 open)",
                ["campaign_url"] = "https://ipsolis.example.com/ui/certifications/7",
                ["auto_revoke_status"] = "Automatic revocation is off.",
            },
            new("Escalated: {{reviewer_count}} reviewers are late in {{campaign_name}}",
                "<p>Hello {{recipient_name}},</p><p>the review <strong>{{campaign_name}}</strong> was due {{due_date}}; {{reviewer_count}} reviewers have open reviews: {{reviewer_summary}}.</p><p>{{auto_revoke_status}}</p><p><a href=\"{{campaign_url}}\">Open the campaign</a></p>"),
            new("Eskaliert: {{reviewer_count}} Prüfer sind im Verzug in {{campaign_name}}",
                "<p>Hallo {{recipient_name}},</p><p>die Prüfung <strong>{{campaign_name}}</strong> war am {{due_date}} fällig; {{reviewer_count}} Prüfer haben offene Prüfungen: {{reviewer_summary}}.</p><p>{{auto_revoke_status}}</p><p><a href=\"{{campaign_url}}\">Kampagne öffnen</a></p>")),
        new(CostThresholdBreach, "Cost threshold exceeded", "Threshold recipients",
            new Dictionary<string, string>
            {
                ["cost_center"] = "CC-4711",
                ["currency"] = "EUR",
                ["monthly_limit"] = "5,000.00",
                ["projected_total"] = "5,820.00",
                ["active_orders"] = "37",
                ["asset_types"] = "Windows 11 desktop, CAD workstation",
                ["cost_report_url"] = "https://ipsolis.example.com/ui/cost-report",
            },
            new("Cost center {{cost_center}} is over its limit: {{projected_total}} {{currency}}",
                "<p>Hello {{recipient_name}},</p><p>cost center <strong>{{cost_center}}</strong> is projected at {{projected_total}} {{currency}} this month, over its limit of {{monthly_limit}} {{currency}}, with {{active_orders}} active orders ({{asset_types}}).</p><p><a href=\"{{cost_report_url}}\">Open the cost report</a></p>"),
            new("Kostenstelle {{cost_center}} über dem Limit: {{projected_total}} {{currency}}",
                "<p>Hallo {{recipient_name}},</p><p>für die Kostenstelle <strong>{{cost_center}}</strong> werden diesen Monat {{projected_total}} {{currency}} erwartet, über dem Limit von {{monthly_limit}} {{currency}}, mit {{active_orders}} aktiven Bestellungen ({{asset_types}}).</p><p><a href=\"{{cost_report_url}}\">Kostenbericht öffnen</a></p>")),
    ];

    private static readonly Dictionary<string, TemplateDefinition> ByKey = All.ToDictionary(t => t.Key, StringComparer.Ordinal);

    public static TemplateDefinition? Find(string key) => ByKey.GetValueOrDefault(key);

    public static TemplateDefinition Get(string key) =>
        Find(key) ?? throw new ArgumentException($"'{key}' is not a notification template; use one of BuiltInTemplates.", nameof(key));

    private static Dictionary<string, string> With(Dictionary<string, string> samples, params (string Key, string Value)[] more)
    {
        var result = new Dictionary<string, string>(samples, StringComparer.Ordinal);
        foreach (var (key, value) in more)
            result[key] = value;
        return result;
    }
}
