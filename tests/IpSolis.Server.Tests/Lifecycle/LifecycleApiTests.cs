using System.Net;
using System.Net.Http.Json;
using IpSolis.Domain.Access;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Lifecycle;

/// <summary>Who may call the lifecycle API, how bad input is answered, and that the recurring jobs are scheduled.</summary>
public sealed class LifecycleApiTests : IAsyncLifetime
{
    private LifecycleHost _host = null!;

    public async Task InitializeAsync() => _host = await LifecycleHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("change")]
    [InlineData("return")]
    [InlineData("retry")]
    public async Task TheEndpoints_NeedAnAdministratorWithOrdersWrite(string action)
    {
        var root = await AccessFixtures.AddUserAsync(_host.Factory, "root", AdminRole.Superadmin);
        var helpdesk = await AccessFixtures.AddUserAsync(_host.Factory, "desk", AdminRole.Helpdesk);
        var (_, readOnly) = await AccessFixtures.AddTokenAsync(_host.Factory, root, scopes: ["orders:read"], name: "reader");
        var (_, deskToken) = await AccessFixtures.AddTokenAsync(_host.Factory, helpdesk, name: "desk token");
        var (_, writer) = await AccessFixtures.AddTokenAsync(_host.Factory, root, scopes: ["orders:write"], name: "writer");
        var path = $"/api/v1/orders/999/{action}";
        object body = new { until = "2026-06-01" };

        using var anonymous = AccessFixtures.ApiClient(_host.Factory);
        (await anonymous.PostAsJsonAsync(path, body)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var reader = AccessFixtures.ApiClient(_host.Factory, readOnly);
        (await reader.PostAsJsonAsync(path, body)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var desk = AccessFixtures.ApiClient(_host.Factory, deskToken);
        (await desk.PostAsJsonAsync(path, body)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var allowed = AccessFixtures.ApiClient(_host.Factory, writer);
        (await allowed.PostAsJsonAsync(path, body)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnOrderOfAnAssetTypeOutsideTheAdminsGrants_AnswersNotFound()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var other = await _host.AddTypeAsync("Other", AssignmentModel.CapacityPooled);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(5));
        var limited = await AccessFixtures.AddUserAsync(_host.Factory, "limited", AdminRole.Admin);
        await _host.UpdateAsync(db =>
        {
            db.Add(new Platform.Security.AdminUserGrant { AdminUserId = limited.Id, AssetTypeId = other.Id, CreatedBy = "system:test", CreatedAt = _host.Clock.Now });
            return Task.CompletedTask;
        });
        var (_, token) = await AccessFixtures.AddTokenAsync(_host.Factory, limited, scopes: ["orders:write"]);
        using var api = AccessFixtures.ApiClient(_host.Factory, token);

        var response = await api.PostAsync($"/api/v1/orders/{order.Id}/return", null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _host.OrderAsync(order.Id)).Status.Should().Be(Domain.Orders.OrderStatus.Provisioned);
    }

    [Fact]
    public async Task ABadDate_IsABadRequestNamingTheField()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(5));
        using var api = _host.Api();

        var response = await api.PostAsJsonAsync($"/api/v1/orders/{order.Id}/change", new { until = "next tuesday" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await AccessFixtures.JsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("order.until_invalid");
        problem.GetProperty("errors").TryGetProperty("until", out _).Should().BeTrue();
        (await _host.ChildrenAsync(order.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task ByDefault_ChangesGoThroughApprovalRouting_AndRemindersGoThroughTheMailOutbox()
    {
        await using var plain = await IpSolisFactory.CreateAsync();

        plain.Services.GetRequiredService<IChangeReapproval>().GetType().Name.Should().Be("ChangeReapproval");
        plain.Services.GetRequiredService<IOrderNotifier>().GetType().Name.Should().Be("MailOrderNotifier", "the notifications feature replaces the logging default");
    }

    [Fact]
    public async Task TheEndpoints_AreDocumented()
    {
        using var client = _host.Factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        document.Should().Contain("/api/v1/orders/{id}/change").And.Contain("/api/v1/orders/{id}/return").And.Contain("/api/v1/orders/{id}/retry");
    }

    [Fact]
    public void TheLifecycleJobs_AreRegisteredAndScheduled()
    {
        var kinds = _host.Services.GetServices<JobKind>().Select(k => k.Name).ToList();
        kinds.Should().Contain([ScheduledOrderStart.Kind, OrderExpiry.Kind, ExpiryReminders.Kind]);
        var schedules = _host.Services.GetServices<RecurringJob>().ToList();
        schedules.Should().Contain(j => j.Name == "orders.start_scheduled" && j.Cron == "*/5 * * * *");
        schedules.Should().Contain(j => j.Name == "orders.expire" && j.Cron == "*/5 * * * *");
        schedules.Should().Contain(j => j.Name == "orders.remind_expiry" && j.Cron == "7 * * * *");
    }
}
