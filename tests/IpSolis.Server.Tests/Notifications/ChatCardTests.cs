using IpSolis.Domain.Notifications;
using IpSolis.Server.Features.Notifications;

namespace IpSolis.Server.Tests.Notifications;

/// <summary>
/// Approval requests go to Teams (Workflows webhook, Adaptive Card 1.4) and Slack (incoming webhook, Block Kit) as
/// well as by mail, each with its facts and a button to the signed link. The payloads are checked as an HTTP server
/// in the test received them; a failing webhook is retried and logged, and never holds up the mail.
/// </summary>
public sealed class ChatCardTests : IAsyncLifetime
{
    private NotificationHost _host = null!;

    public async Task InitializeAsync() => _host = await NotificationHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static NotificationRequest ApprovalRequest(string approver) => new(BuiltInTemplates.ApprovalRequest, [new(approver, "Alex")])
    {
        Values = new Dictionary<string, string?> { ["requester_name"] = "Dana <b>Example</b>", ["asset_type_name"] = "VPN" },
        Links = new Dictionary<string, string> { ["approval_url"] = "/approve/token-abc" },
        Card = new ChatCard("Approval needed: VPN", "Dana <b>Example</b> asks for VPN & needs it soon.",
            [new ChatFact("Requester", "Dana <b>Example</b>"), new ChatFact("From", "2026-05-04")], "Review request", "/approve/token-abc"),
        Reference = "order:9",
    };

    [Fact]
    public async Task ApprovalRequest_PostsAnAdaptiveCardToTeams_AndBlockKitToSlack_WithTheSignedLink()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await _host.SetAsync(("app.public_base_url", "https://it.contoso.example"),
            ("teams.enabled", "true"), ("teams.webhook_url", receiver.BaseUrl + "/teams"),
            ("slack.enabled", "true"), ("slack.webhook_url", receiver.BaseUrl + "/slack"));

        var messages = await _host.EnqueueAsync(ApprovalRequest(NotificationHost.UniqueAddress("alex")));

        messages.Select(m => m.Channel).Should().BeEquivalentTo([NotificationChannel.Mail, NotificationChannel.Teams, NotificationChannel.Slack]);
        foreach (var chat in messages.Where(m => m.Channel != NotificationChannel.Mail))
            (await _host.WaitForStatusAsync(chat.Id, NotificationStatus.Sent)).ServerAnswer.Should().Contain(chat.Channel == NotificationChannel.Teams ? "202" : "200");

        var teams = receiver.Posts("teams").Should().ContainSingle().Subject;
        teams.GetProperty("type").GetString().Should().Be("message");
        var attachment = teams.GetProperty("attachments")[0];
        attachment.GetProperty("contentType").GetString().Should().Be("application/vnd.microsoft.card.adaptive");
        var card = attachment.GetProperty("content");
        card.GetProperty("type").GetString().Should().Be("AdaptiveCard");
        card.GetProperty("version").GetString().Should().Be("1.4");
        card.GetProperty("msteams").GetProperty("width").GetString().Should().Be("Full");
        var facts = card.GetProperty("body").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "FactSet").GetProperty("facts");
        facts[0].GetProperty("title").GetString().Should().Be("Requester");
        facts[0].GetProperty("value").GetString().Should().Be("Dana <b>Example</b>");
        var action = card.GetProperty("actions")[0];
        action.GetProperty("type").GetString().Should().Be("Action.OpenUrl");
        action.GetProperty("url").GetString().Should().Be("https://it.contoso.example/approve/token-abc");

        var slack = receiver.Posts("slack").Should().ContainSingle().Subject;
        slack.GetProperty("text").GetString().Should().Contain("Approval needed: VPN");
        var blocks = slack.GetProperty("blocks").EnumerateArray().ToList();
        blocks[0].GetProperty("type").GetString().Should().Be("header");
        blocks[1].GetProperty("text").GetProperty("text").GetString().Should().Be("Dana &lt;b&gt;Example&lt;/b&gt; asks for VPN &amp; needs it soon.",
            "Slack's mrkdwn is escaped, so a name cannot forge a link or a mention");
        blocks[2].GetProperty("fields")[0].GetProperty("text").GetString().Should().Be("*Requester*\nDana &lt;b&gt;Example&lt;/b&gt;");
        var button = blocks.Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements")[0];
        button.GetProperty("url").GetString().Should().Be("https://it.contoso.example/approve/token-abc");
        button.GetProperty("text").GetProperty("text").GetString().Should().Be("Review request");
    }

    [Fact]
    public async Task FailingWebhook_IsRetriedAndLogged_WithoutHoldingUpTheMail()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await _host.SetAsync(("slack.enabled", "true"), ("slack.webhook_url", receiver.BaseUrl + "/slack"));

        var messages = await _host.EnqueueAsync(ApprovalRequest(NotificationHost.UniqueAddress("alex")));
        var slack = messages.Single(m => m.Channel == NotificationChannel.Slack);
        var mail = messages.Single(m => m.Channel == NotificationChannel.Mail);

        var retrying = await _host.WaitForAsync(slack.Id, m => m.Attempts >= 1 && m.LastError is not null, "refused once");
        retrying.LastError.Should().Contain("500").And.NotContain(receiver.BaseUrl, "the webhook URL is a secret");
        (await _host.WaitForStatusAsync(mail.Id, NotificationStatus.NotConfigured)).Channel.Should().Be(NotificationChannel.Mail,
            "the mail went its own way while Slack failed");
        var sent = await _host.WaitForStatusAsync(slack.Id, NotificationStatus.Sent);
        sent.Attempts.Should().Be(3);
        receiver.Posts("slack").Should().HaveCount(3);
    }

    [Fact]
    public async Task DisabledChannels_GetNoMessage()
    {
        var messages = await _host.EnqueueAsync(ApprovalRequest(NotificationHost.UniqueAddress("alex")));
        messages.Should().ContainSingle().Which.Channel.Should().Be(NotificationChannel.Mail);
    }
}
