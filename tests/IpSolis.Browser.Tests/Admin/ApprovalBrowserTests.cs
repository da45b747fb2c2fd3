using System.Text.Json;
using System.Text.RegularExpressions;
using IpSolis.Browser.Tests.Infrastructure;
using IpSolis.Browser.Tests.Portal;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Notifications;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IpSolis.Browser.Tests.Admin;

/// <summary>
/// Approvals in a real browser: an operator builds a nested rule with the rule editor, saves it and asks "who would
/// approve"; and the whole one-click path — an order in the portal, the approval mail caught by the SMTP test
/// server, its signed link opened and approved by the manager, the order provisioned.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ApprovalBrowserTests(UiFixture fixture)
{
    private IServiceProvider Services => fixture.Server.Services;

    [Fact]
    public async Task RuleEditor_BuildsANestedRule_SavesIt_AndThePanelSaysWhoWouldApprove()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var typeId = await AddTypeAsync($"Rule editor {suffix}", new ApprovalSetup(), freeAssets: 0);
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440);
        var page = watched.Page;
        await watched.GoToAsync($"/ui/asset-types/{typeId}");

        // Keyboard and mouse through the editor: a rule named Long finance, durationDays > 30 AND (attr.role == Approver OR monthlyCost >= 100).
        var editor = page.Locator("[data-approval-rule-editor]");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Add an approval rule" }).ClickAsync();
        await editor.Locator("[data-rule-name]").FillAsync("Long finance");
        var top = editor.Locator(".rule-editor-group[data-depth='1']");
        await top.Locator("[data-clause-field]").First.SelectOptionAsync("durationDays");
        await top.Locator("[data-clause-op]").First.SelectOptionAsync(">");
        await top.Locator("[data-clause-value]").First.FillAsync("30");
        await top.GetByRole(AriaRole.Button, new() { Name = "Add a nested group to this group of rule 1" }).First.ClickAsync();
        var nested = editor.Locator(".rule-editor-group[data-depth='2']");
        (await nested.Locator("[data-group-op]").InputValueAsync()).Should().Be("or");
        await nested.Locator("[data-clause-field]").First.SelectOptionAsync("attr.");
        await nested.Locator("[data-clause-attribute]").First.FillAsync("role");
        await nested.Locator("[data-clause-op]").First.SelectOptionAsync("==");
        await nested.Locator("[data-clause-value]").First.FillAsync("Approver");
        await nested.GetByRole(AriaRole.Button, new() { Name = "Add a condition to this group of rule 1" }).ClickAsync();
        await nested.Locator("[data-clause-field]").Nth(1).SelectOptionAsync("monthlyCost");
        await nested.Locator("[data-clause-op]").Nth(1).SelectOptionAsync(">=");
        await nested.Locator("[data-clause-value]").Nth(1).FocusAsync();
        await page.Keyboard.TypeAsync("100");
        await editor.Locator("[data-rule-approvers]").FillAsync("finance.lead@example.com, Finance Lead");

        var json = JsonDocument.Parse(await page.Locator("#type-approval-rules").InputValueAsync()).RootElement;
        json[0].GetProperty("condition").GetProperty("clauses")[1].GetProperty("clauses")[0].GetProperty("field").GetString().Should().Be("attr.role");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=", StringComparison.Ordinal));
        var saved = await TypeAsync(typeId);
        var rule = saved.Approval.Rules.Should().ContainSingle().Subject;
        rule.Name.Should().Be("Long finance");
        rule.Condition.Should().BeEquivalentTo(new ApprovalConditionGroup(ApprovalCombinator.And,
        [
            new ApprovalClause("durationDays", ApprovalOperator.GreaterThan, "30"),
            new ApprovalConditionGroup(ApprovalCombinator.Or,
            [
                new ApprovalClause("attr.role", ApprovalOperator.EqualTo, "Approver"),
                new ApprovalClause("monthlyCost", ApprovalOperator.GreaterOrEqual, "100"),
            ]),
        ]), o => o.RespectingRuntimeTypes());
        (await page.Locator("[data-rule-name]").InputValueAsync()).Should().Be("Long finance", "the editor shows the saved rule again");

        // The panel: a 60-day order with role Approver asks the rule's approver, and says why.
        await page.Locator("#preview-requester").FillAsync("ann@example.com");
        await page.Locator("#preview-days").FillAsync("60");
        await page.Locator("#preview-attributes").FillAsync("role=Approver");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show who would approve" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("preview=1", StringComparison.Ordinal));
        var answer = page.Locator(".who-would-approve-result");
        (await answer.Locator("table.who-would-approve tbody tr").CountAsync()).Should().Be(1);
        (await answer.TextContentAsync()).Should().Contain("finance.lead@example.com").And.Contain("Named by the rule 'Long finance', which matches.");
        watched.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task OrderInThePortal_ManagerApprovesFromTheMailedLink_AndTheOrderIsProvisioned()
    {
        var smtp = Environment.GetEnvironmentVariable("IPSOLIS_TEST_SMTP") is { Length: > 0 } address ? address.Split(':') : throw new InvalidOperationException("IPSOLIS_TEST_SMTP is not set: run through scripts/test.sh, which starts the SMTP test server.");
        var mailDirectory = Environment.GetEnvironmentVariable("IPSOLIS_TEST_SMTP_DIR") ?? throw new InvalidOperationException("IPSOLIS_TEST_SMTP_DIR is not set.");
        var saved = await Services.GetRequiredService<SettingsStore>().SaveAsync(new Dictionary<string, string?>
        {
            [NotificationSettings.SmtpHost.Key] = smtp[0],
            [NotificationSettings.SmtpPort.Key] = smtp[1],
            [NotificationSettings.From.Key] = "ipsolis@example.com",
            [GeneralSettings.PublicBaseUrl.Key] = fixture.Server.BaseAddress.ToString().TrimEnd('/'),
        }, AuditActor.System("browser-test"));
        saved.Succeeded.Should().BeTrue(string.Join("; ", saved.Errors.Values));

        var seed = await PortalSeed.CreateAsync(fixture, freeAssets: 0);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var manager = $"manager.{suffix}@example.com";
        var directory = Services.GetRequiredService<LocalDirectory>();
        (await directory.AddPersonAsync(AuditActor.System("browser-test"), new DirectoryEntry(manager, $"Mara Manager {suffix}"), CancellationToken.None)).Succeeded.Should().BeTrue();
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var person = await db.Set<DirectoryPerson>().SingleAsync(p => p.Email == seed.Email);
            person.ManagerEmail = manager;
            await db.SaveChangesAsync();
        }

        var typeId = await AddTypeAsync($"Approved VDI {suffix}", new ApprovalSetup { RequiresManager = true }, freeAssets: 1);

        // The employee orders in the portal.
        await using var employee = await WatchedPage.OpenAsync(fixture, 1440);
        await seed.SignInAsync(employee);
        await employee.GoToAsync($"/portal/orders/new?type={typeId}");
        // Placement routes to the directory manager and writes the mail in its transaction: on a busy machine that
        // can take longer than Playwright's default 15 s.
        await employee.Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync(new() { Timeout = 60_000 });
        await employee.Page.WaitForURLAsync(url => url.Contains("?placed=1", StringComparison.Ordinal), new() { Timeout = 60_000 });
        var orderId = long.Parse(new Uri(employee.Page.Url).AbsolutePath["/portal/orders/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        (await seed.OrderAsync(orderId)).Status.Should().Be(OrderStatus.PendingApproval);

        // The manager's mail arrives at the SMTP test server with the signed one-click link.
        var html = await PortalSeed.WaitForAsync(() => Task.FromResult(MailTo(mailDirectory, manager)), mail => mail is not null, $"the approval mail to {manager}");
        var link = Regex.Match(html!, "https?://[^\"<\\s]+/approve/[^\"<\\s]+").Value;
        link.Should().StartWith(fixture.Server.BaseAddress.ToString().TrimEnd('/') + "/approve/");

        // The manager opens it in a browser of their own (no session: the link is the credential) and approves.
        await using var approver = await WatchedPage.OpenAsync(fixture, 375);
        await approver.Page.GotoAsync(System.Net.WebUtility.HtmlDecode(link));
        (await approver.Page.Locator(".portal-approval-link").TextContentAsync()).Should().Contain($"Approved VDI {suffix}");
        await approver.Page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync(new() { Timeout = 60_000 });
        await approver.Page.GetByText("You approved the order.").WaitForAsync(new() { Timeout = 60_000 });

        var order = await PortalSeed.WaitForAsync(() => seed.OrderAsync(orderId), o => o.Status == OrderStatus.Provisioned, $"order {orderId} provisioned");
        (await seed.AssetAsync(order.AssignedAssetId!.Value)).Status.Should().Be(PoolAssetStatus.Busy);
        await PortalSeed.WaitForAsync(async () =>
        {
            await employee.GoToAsync($"/portal/orders/{orderId}");
            return await employee.Page.Locator(".order-banner .order-status-provisioned").CountAsync();
        }, count => count == 1, $"order {orderId} shown as ready");
        employee.ShouldHaveNoProblems();
        approver.ShouldHaveNoProblems();
    }

    private IDbContextFactory<IpSolisDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();

    private static string? MailTo(string directory, string recipient)
    {
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var mail = JsonDocument.Parse(File.ReadAllText(file));
            if (mail.RootElement.GetProperty("rcpt_tos").EnumerateArray().Any(r => string.Equals(r.GetString(), recipient, StringComparison.OrdinalIgnoreCase)))
                return mail.RootElement.GetProperty("html").GetString();
        }

        return null;
    }

    private async Task<long> AddTypeAsync(string name, ApprovalSetup approval, int freeAssets)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var type = new AssetType
        {
            Name = name,
            Description = "A desktop that waits for approval.",
            Category = AssetCategory.PlatformAccess,
            Icon = "desktop",
            AssignmentModel = AssignmentModel.AssignedPersonal,
            PersonalProvisioningStrategy = PersonalProvisioningStrategy.AssignExistingFree,
            DeprovisionPolicy = DeprovisionPolicy.ReturnToPool,
            MaxPerUser = 0,
            DefaultDurationDays = 14,
            MaximumLifetimeDays = 90,
            MonthlyCost = 35m,
            Currency = "EUR",
            StepVisibility = StepVisibility.Detailed,
            CreatedAt = now,
            UpdatedAt = now,
        };
        type.Approval = approval;
        db.Add(type);
        await db.SaveChangesAsync();
        for (var i = 1; i <= freeAssets; i++)
            db.Add(new PoolAsset { Name = $"{name.Replace(' ', '-')}-{i:D2}", AssetTypeId = type.Id, Status = PoolAssetStatus.Free, StatusChangedAt = now, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
        return type.Id;
    }

    private async Task<AssetType> TypeAsync(long id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Set<AssetType>().AsNoTracking().SingleAsync(t => t.Id == id);
    }
}
