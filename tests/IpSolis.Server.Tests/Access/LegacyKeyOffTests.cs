using System.Net;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Access;

public sealed class LegacyKeyOffTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task WithoutAdminApiKey_NoKeyIsAccepted_NotEvenAnEmptyOne()
    {
        foreach (var key in new[] { "", "anything" })
        {
            using var api = AccessFixtures.ApiClient(_factory);
            api.DefaultRequestHeaders.TryAddWithoutValidation("X-Admin-Key", key);
            (await api.GetAsync("/api/v1/admin/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }
}
