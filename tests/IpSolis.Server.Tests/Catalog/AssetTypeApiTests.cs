using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IpSolis.Domain.Access;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Catalog;

public sealed class AssetTypeApiTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    private static readonly object[] SchemaWithPii =
    [
        new { key = "cost_center", label = "Cost centre", type = "STRING", required = true, validation = new { pattern = "[0-9]{4}", patternMessage = "Four digits." }, classification = "pii" },
        new { key = "modules", label = "Modules", type = "MULTI_ENUM", options = new[] { "sales", "service", "marketing" }, defaultValue = "sales", validation = new { min = 1, max = 2 } },
        new { key = "reason", label = "Why service?", type = "STRING", visibleWhen = new { field = "modules", value = "service" } },
    ];

    [Fact]
    public async Task Create_Returns201WithTheTypeInCamelCase_AndAuditsItWithTheStrictestClassification()
    {
        var name = CatalogHost.Unique("CRM");
        using var api = host.Api();
        using var response = await api.PostAsJsonAsync("/api/v1/asset-types",
            CatalogHost.PooledBody(name, new Dictionary<string, object?> { ["attributes"] = SchemaWithPii, ["icon"] = "Cloud", ["monthlyCost"] = 12.5m, ["currency"] = "eur" }));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await CatalogHost.ReadAsync(response);
        var id = body.GetProperty("id").GetInt64();
        response.Headers.Location!.OriginalString.Should().Be($"/api/v1/asset-types/{id}");
        body.GetProperty("name").GetString().Should().Be(name);
        body.GetProperty("assignmentModel").GetString().Should().Be("capacity_pooled");
        body.GetProperty("category").GetString().Should().Be("application_access");
        body.GetProperty("automationStrategy").GetString().Should().Be("group_only");
        body.GetProperty("deprovisionPolicy").GetString().Should().Be("access_only");
        body.GetProperty("stepVisibility").GetString().Should().Be("off");
        body.GetProperty("poolCapacity").GetInt32().Should().Be(25);
        body.GetProperty("icon").GetString().Should().Be("cloud");
        body.GetProperty("currency").GetString().Should().Be("EUR");
        body.GetProperty("monthlyCost").GetDecimal().Should().Be(12.5m);
        body.GetProperty("isActive").GetBoolean().Should().BeTrue();
        body.GetProperty("version").GetInt32().Should().Be(1);
        body.GetProperty("classification").GetString().Should().Be("pii");
        var attributes = body.GetProperty("attributes").EnumerateArray().ToList();
        attributes.Select(a => a.GetProperty("type").GetString()).Should().Equal("STRING", "MULTI_ENUM", "STRING");
        attributes[1].GetProperty("options").EnumerateArray().Select(o => o.GetString()).Should().Equal("sales", "service", "marketing");
        attributes[2].GetProperty("visibleWhen").GetProperty("field").GetString().Should().Be("modules");
        attributes[0].GetProperty("validation").GetProperty("pattern").GetString().Should().Be("[0-9]{4}");

        using var read = await api.GetAsync($"/api/v1/asset-types/{id}");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        (await CatalogHost.ReadAsync(read)).GetProperty("name").GetString().Should().Be(name);

        var audit = (await AccessFixtures.AuditAsync(host.Factory)).Single(e => e.Action == "asset_type.created" && e.EntityId == id.ToString());
        audit.Classification.Should().Be("pii");
        audit.Actor.Should().Be("token:root token");
        audit.NewValues.Should().Contain(name).And.Contain("capacity_pooled");
    }

    [Fact]
    public async Task List_FiltersByActiveCategoryAndName_AndPagesByCursor()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
            ids.Add((await host.CreateAsync(CatalogHost.PooledBody($"List {tag} {i}"))).GetProperty("id").GetInt64());
        var device = await host.CreateAsync(new
        {
            name = $"List {tag} laptop",
            category = "device_access",
            assignmentModel = "assigned_personal",
            personalProvisioningStrategy = "assign_existing_free",
            deprovisionPolicy = "return_to_pool",
            isActive = false,
        });

        using var api = host.Api(host.HelpdeskToken);
        async Task<List<string>> Names(string query)
        {
            using var response = await api.GetAsync("/api/v1/asset-types?" + query);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var json = await CatalogHost.ReadAsync(response);
            return json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
        }

        (await Names($"q={tag}")).Should().HaveCount(4);
        (await Names($"q={tag.ToUpperInvariant()}&active=false")).Should().Equal($"List {tag} laptop");
        (await Names($"q={tag}&category=device_access")).Should().Equal($"List {tag} laptop");
        (await Names($"q={tag}&active=true&category=application_access")).Should().Equal($"List {tag} 0", $"List {tag} 1", $"List {tag} 2");

        using var first = await api.GetAsync($"/api/v1/asset-types?q={tag}&limit=2");
        var firstPage = await CatalogHost.ReadAsync(first);
        firstPage.GetProperty("items").GetArrayLength().Should().Be(2);
        var cursor = firstPage.GetProperty("nextCursor").GetString();
        cursor.Should().Be(ids[1].ToString());
        using var second = await api.GetAsync($"/api/v1/asset-types?q={tag}&limit=2&cursor={cursor}");
        var secondPage = await CatalogHost.ReadAsync(second);
        secondPage.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().Equal(ids[2], device.GetProperty("id").GetInt64());
        secondPage.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("category=gadgets", "category")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    public async Task List_WithBadParameters_IsA400NamingTheParameter(string query, string field)
    {
        using var api = host.Api();
        using var response = await api.GetAsync("/api/v1/asset-types?" + query);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CatalogHost.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Update_WithTheCurrentVersion_ReplacesTheDefinition_BumpsTheVersion_AndAuditsOnlyWhatChanged()
    {
        var name = CatalogHost.Unique("VDI");
        var created = await host.CreateAsync(CatalogHost.PooledBody(name));
        var id = created.GetProperty("id").GetInt64();
        using var api = host.Api(host.AdminToken);

        using var response = await api.PutAsJsonAsync($"/api/v1/asset-types/{id}",
            CatalogHost.PooledBody(name + " Plus", new Dictionary<string, object?> { ["poolCapacity"] = 40, ["version"] = 1 }));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await CatalogHost.ReadAsync(response);
        body.GetProperty("name").GetString().Should().Be(name + " Plus");
        body.GetProperty("poolCapacity").GetInt32().Should().Be(40);
        body.GetProperty("version").GetInt32().Should().Be(2);
        var audit = (await AccessFixtures.AuditAsync(host.Factory)).Single(e => e.Action == "asset_type.updated" && e.EntityId == id.ToString());
        audit.Actor.Should().Be("token:ops token");
        audit.OldValues.Should().Contain("\"poolCapacity\":25").And.Contain(name).And.NotContain("description");
        audit.NewValues.Should().Contain("\"poolCapacity\":40").And.Contain("\"version\":2").And.NotContain("description");
    }

    [Fact]
    public async Task Update_WithAStaleVersion_Is409AndChangesNothing()
    {
        var name = CatalogHost.Unique("Stale");
        var id = (await host.CreateAsync(CatalogHost.PooledBody(name))).GetProperty("id").GetInt64();
        using var api = host.Api();
        using var first = await api.PutAsJsonAsync($"/api/v1/asset-types/{id}", CatalogHost.PooledBody(name, new Dictionary<string, object?> { ["poolCapacity"] = 5, ["version"] = 1 }));
        first.StatusCode.Should().Be(HttpStatusCode.OK);

        using var second = await api.PutAsJsonAsync($"/api/v1/asset-types/{id}", CatalogHost.PooledBody(name, new Dictionary<string, object?> { ["poolCapacity"] = 9, ["version"] = 1 }));

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await CatalogHost.ReadAsync(second);
        problem.GetProperty("code").GetString().Should().Be("asset_type.stale");
        problem.GetProperty("field").GetString().Should().Be("version");
        using var read = await api.GetAsync($"/api/v1/asset-types/{id}");
        (await CatalogHost.ReadAsync(read)).GetProperty("poolCapacity").GetInt32().Should().Be(5);
    }

    [Fact]
    public async Task Update_WithoutAVersion_IsRefusedNamingIt()
    {
        var name = CatalogHost.Unique("No version");
        var id = (await host.CreateAsync(CatalogHost.PooledBody(name))).GetProperty("id").GetInt64();
        using var api = host.Api();
        using var response = await api.PutAsJsonAsync($"/api/v1/asset-types/{id}", CatalogHost.PooledBody(name));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CatalogHost.ReadAsync(response)).GetProperty("errors").TryGetProperty("version", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Names_AreUniqueIgnoringCase_OnCreateAndOnUpdate()
    {
        var name = CatalogHost.Unique("Unique");
        await host.CreateAsync(CatalogHost.PooledBody(name));
        var otherId = (await host.CreateAsync(CatalogHost.PooledBody(name + " other"))).GetProperty("id").GetInt64();
        var before = await host.CountTypesAsync();
        using var api = host.Api();

        using var duplicate = await api.PostAsJsonAsync("/api/v1/asset-types", CatalogHost.PooledBody("  " + name.ToUpperInvariant() + " "));
        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await CatalogHost.ReadAsync(duplicate);
        problem.GetProperty("code").GetString().Should().Be("asset_type.name_taken");
        problem.GetProperty("field").GetString().Should().Be("name");
        (await host.CountTypesAsync()).Should().Be(before);

        using var rename = await api.PutAsJsonAsync($"/api/v1/asset-types/{otherId}", CatalogHost.PooledBody(name.ToLowerInvariant(), new Dictionary<string, object?> { ["version"] = 1 }));
        rename.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await CatalogHost.ReadAsync(rename)).GetProperty("code").GetString().Should().Be("asset_type.name_taken");
    }

    public static TheoryData<string, object?, string> InvalidFields => new()
    {
        { "name", "", "name" },
        { "name", new string('n', 101), "name" },
        { "category", "gadgets", "category" },
        { "assignmentModel", "rented", "assignmentModel" },
        { "automationStrategy", "magic", "automationStrategy" },
        { "deprovisionPolicy", "return_to_pool", "deprovisionPolicy" },
        { "personalProvisioningStrategy", "create_new", "personalProvisioningStrategy" },
        { "poolCapacity", 0, "poolCapacity" },
        { "sharedAssetId", 5, "sharedAssetId" },
        { "defaultDurationDays", 400, "defaultDurationDays" },
        { "reminderDays", 365, "reminderDays" },
        { "maxPerUser", -1, "maxPerUser" },
        { "justificationRequired", true, "justificationRequired" },
        { "currency", "EURO", "currency" },
        { "monthlyCost", -5, "monthlyCost" },
        { "accessUrl", "javascript:alert(1)", "accessUrl" },
        { "namingPattern", "VDI-{user}", "namingPattern" },
        { "stepVisibility", "everything", "stepVisibility" },
        { "icon", "unicorn", "icon" },
        { "icon", "data:image/png;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+", "icon" },
        { "poolCapacity", "many", "poolCapacity" },
        { "renewable", "perhaps", "renewable" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Create_WithAnInvalidValue_Is400NamingTheField_AndChangesNothing(string property, object? value, string field)
    {
        var before = await host.CountTypesAsync();
        var auditBefore = (await AccessFixtures.AuditAsync(host.Factory)).Count;
        using var api = host.Api();

        using var response = await api.PostAsJsonAsync("/api/v1/asset-types",
            CatalogHost.PooledBody(CatalogHost.Unique("Invalid"), new Dictionary<string, object?> { [property] = value }));

        var problem = await CatalogHost.ReadAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, problem.ToString());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue(problem.ToString());
        messages[0].GetString().Should().NotBeNullOrWhiteSpace();
        (await host.CountTypesAsync()).Should().Be(before);
        (await AccessFixtures.AuditAsync(host.Factory)).Should().HaveCount(auditBefore);
    }

    public static TheoryData<object, string> InvalidSchemas => new()
    {
        { new { key = "Bad Key", label = "X", type = "STRING" }, "attributes[0].key" },
        { new { key = "x", label = "", type = "STRING" }, "attributes[0].label" },
        { new { key = "x", label = "X", type = "COLOUR" }, "attributes[0].type" },
        { new { key = "x", label = "X", type = "ENUM" }, "attributes[0].options" },
        { new { key = "x", label = "X", type = "ENUM", options = new[] { "a", "A" } }, "attributes[0].options" },
        { new { key = "x", label = "X", type = "INT", defaultValue = "many" }, "attributes[0].defaultValue" },
        { new { key = "x", label = "X", type = "INT", validation = new { min = 5, max = 1 } }, "attributes[0].validation.min" },
        { new { key = "x", label = "X", type = "STRING", validation = new { pattern = "[a-" } }, "attributes[0].validation.pattern" },
        { new { key = "x", label = "X", type = "BOOL", validation = new { maxLength = 3 } }, "attributes[0].validation.maxLength" },
        { new { key = "x", label = "X", type = "STRING", visibleWhen = new { field = "ghost", value = "1" } }, "attributes[0].visibleWhen.field" },
        { new { key = "x", label = "X", type = "STRING", classification = "secret" }, "attributes[0].classification" },
    };

    [Theory]
    [MemberData(nameof(InvalidSchemas))]
    public async Task Create_WithAnInvalidAttribute_Is400NamingTheAttributeField(object attribute, string field)
    {
        var before = await host.CountTypesAsync();
        using var api = host.Api();
        using var response = await api.PostAsJsonAsync("/api/v1/asset-types",
            CatalogHost.PooledBody(CatalogHost.Unique("Schema"), new Dictionary<string, object?> { ["attributes"] = new[] { attribute } }));
        var problem = await CatalogHost.ReadAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, problem.ToString());
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
        (await host.CountTypesAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Create_WithAVisibleWhenCycle_IsRefused()
    {
        using var api = host.Api();
        using var response = await api.PostAsJsonAsync("/api/v1/asset-types", CatalogHost.PooledBody(CatalogHost.Unique("Cycle"), new Dictionary<string, object?>
        {
            ["attributes"] = new object[]
            {
                new { key = "a", label = "A", type = "STRING", visibleWhen = new { field = "b", value = "x" } },
                new { key = "b", label = "B", type = "STRING", visibleWhen = new { field = "a", value = "x" } },
            },
        }));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await CatalogHost.ReadAsync(response)).GetProperty("errors");
        errors.TryGetProperty("attributes[0].visibleWhen.field", out _).Should().BeTrue();
        errors.TryGetProperty("attributes[1].visibleWhen.field", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Create_ReportsEveryProblemAtOnce()
    {
        using var api = host.Api();
        using var response = await api.PostAsJsonAsync("/api/v1/asset-types", new
        {
            name = "",
            assignmentModel = "capacity_pooled",
            personalProvisioningStrategy = "create_new",
            deprovisionPolicy = "return_to_pool_reinstall",
            currency = "E",
        });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await CatalogHost.ReadAsync(response)).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().Contain(["name", "personalProvisioningStrategy", "deprovisionPolicy", "currency"]);
    }

    [Fact]
    public async Task MalformedJson_IsA400ProblemNotA500()
    {
        using var api = host.Api();
        using var response = await api.PostAsync("/api/v1/asset-types", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Icons_UploadedAsDataUrls_AreTypedByTheirContent()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var disguised = "data:image/svg+xml;base64," + Convert.ToBase64String(png);
        var created = await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Icon"), new Dictionary<string, object?> { ["icon"] = disguised }));
        created.GetProperty("icon").GetString().Should().Be("data:image/png;base64," + Convert.ToBase64String(png));

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path d=\"M2 2h20v20H2z\" fill=\"currentColor\"/></svg>";
        var withSvg = await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Svg"), new Dictionary<string, object?>
        {
            ["icon"] = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg)),
        }));
        withSvg.GetProperty("icon").GetString().Should().StartWith("data:image/svg+xml;base64,");

        var tooLarge = "data:image/png;base64," + Convert.ToBase64String([.. png, .. new byte[300 * 1024]]);
        using var api = host.Api();
        using var refused = await api.PostAsJsonAsync("/api/v1/asset-types", CatalogHost.PooledBody(CatalogHost.Unique("Huge"), new Dictionary<string, object?> { ["icon"] = tooLarge }));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Clone_CreatesAnInactiveNumberedCopy_AndAuditsIt()
    {
        var name = CatalogHost.Unique("Laptop");
        var original = await host.CreateAsync(CatalogHost.PooledBody(name, new Dictionary<string, object?> { ["attributes"] = SchemaWithPii }));
        var id = original.GetProperty("id").GetInt64();
        using var api = host.Api(host.AdminToken);

        using var first = await api.PostAsync($"/api/v1/asset-types/{id}/clone", null);
        using var second = await api.PostAsync($"/api/v1/asset-types/{id}/clone", null);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var copy = await CatalogHost.ReadAsync(first);
        copy.GetProperty("name").GetString().Should().Be($"{name} (copy)");
        copy.GetProperty("isActive").GetBoolean().Should().BeFalse();
        copy.GetProperty("attributes").GetArrayLength().Should().Be(3);
        copy.GetProperty("poolCapacity").GetInt32().Should().Be(25);
        (await CatalogHost.ReadAsync(second)).GetProperty("name").GetString().Should().Be($"{name} (copy 2)");
        var audit = (await AccessFixtures.AuditAsync(host.Factory)).Single(e => e.Action == "asset_type.cloned" && e.EntityId == copy.GetProperty("id").GetInt64().ToString());
        audit.NewValues.Should().Contain($"\"clonedFrom\":{id}");
        audit.Classification.Should().Be("pii");
    }

    [Fact]
    public async Task DeactivateAndActivate_AreAudited_AndAnActiveSharedTypeNeedsItsAsset()
    {
        var id = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Toggle")))).GetProperty("id").GetInt64();
        using var api = host.Api();

        using var off = await api.PostAsync($"/api/v1/asset-types/{id}/deactivate", null);
        off.StatusCode.Should().Be(HttpStatusCode.OK);
        (await CatalogHost.ReadAsync(off)).GetProperty("isActive").GetBoolean().Should().BeFalse();
        using var on = await api.PostAsync($"/api/v1/asset-types/{id}/activate", null);
        (await CatalogHost.ReadAsync(on)).GetProperty("isActive").GetBoolean().Should().BeTrue();
        var actions = (await AccessFixtures.AuditAsync(host.Factory)).Where(e => e.EntityId == id.ToString()).Select(e => e.Action).ToList();
        actions.Should().ContainInOrder("asset_type.created", "asset_type.deactivated", "asset_type.activated");

        var shared = await host.CreateAsync(new { name = CatalogHost.Unique("Jump host"), assignmentModel = "dedicated_shared", isActive = false });
        using var refused = await api.PostAsync($"/api/v1/asset-types/{shared.GetProperty("id").GetInt64()}/activate", null);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CatalogHost.ReadAsync(refused)).GetProperty("errors").TryGetProperty("sharedAssetId", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Delete_WithoutOrders_RemovesTheType_AndAuditsIt()
    {
        var id = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Short-lived")))).GetProperty("id").GetInt64();
        using var api = host.Api();

        using var response = await api.DeleteAsync($"/api/v1/asset-types/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var gone = await api.GetAsync($"/api/v1/asset-types/{id}");
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await AccessFixtures.AuditAsync(host.Factory)).Should().Contain(e => e.Action == "asset_type.deleted" && e.EntityId == id.ToString());
    }

    [Fact]
    public async Task Delete_OfATypeWithOrders_Is409InUse_AndDeactivatingItWorks()
    {
        var id = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Ordered")))).GetProperty("id").GetInt64();
        await host.AddOrderAsync(id);
        using var api = host.Api();

        using var response = await api.DeleteAsync($"/api/v1/asset-types/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await CatalogHost.ReadAsync(response);
        problem.GetProperty("code").GetString().Should().Be("asset_type.in_use");
        problem.GetProperty("title").GetString().Should().Contain("Deactivate");
        using var still = await api.GetAsync($"/api/v1/asset-types/{id}");
        still.StatusCode.Should().Be(HttpStatusCode.OK);
        using var off = await api.PostAsync($"/api/v1/asset-types/{id}/deactivate", null);
        off.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownIds_Are404ProblemsOnEveryRoute()
    {
        using var api = host.Api();
        const long missing = 987654321;
        (await api.GetAsync($"/api/v1/asset-types/{missing}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.PutAsJsonAsync($"/api/v1/asset-types/{missing}", CatalogHost.PooledBody("x", new Dictionary<string, object?> { ["version"] = 1 }))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.PostAsync($"/api/v1/asset-types/{missing}/clone", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.PostAsync($"/api/v1/asset-types/{missing}/activate", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.DeleteAsync($"/api/v1/asset-types/{missing}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Helpdesk_ReadsButCannotWrite_AndTokensNeedTheScope()
    {
        var id = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Read only")))).GetProperty("id").GetInt64();
        using var desk = host.Api(host.HelpdeskToken);
        (await desk.GetAsync($"/api/v1/asset-types/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await desk.PostAsJsonAsync("/api/v1/asset-types", CatalogHost.PooledBody(CatalogHost.Unique("Nope")))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await desk.DeleteAsync($"/api/v1/asset-types/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var (_, ordersOnly) = await AccessFixtures.AddTokenAsync(host.Factory, host.Root, scopes: ["orders:read"], name: "orders only");
        using var narrow = host.Api(ordersOnly);
        (await narrow.GetAsync("/api/v1/asset-types")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var (_, readOnly) = await AccessFixtures.AddTokenAsync(host.Factory, host.Root, scopes: ["asset_types:read"], name: "types read");
        using var reader = host.Api(readOnly);
        (await reader.GetAsync("/api/v1/asset-types")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.PostAsync($"/api/v1/asset-types/{id}/deactivate", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var anonymous = AccessFixtures.ApiClient(host.Factory);
        (await anonymous.GetAsync("/api/v1/asset-types")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAdminWithGrants_SeesAndChangesOnlyGrantedTypes_OthersAreNotFound()
    {
        var typeA = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Granted")))).GetProperty("id").GetInt64();
        var typeB = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Hidden")))).GetProperty("id").GetInt64();
        var limited = await AccessFixtures.AddUserAsync(host.Factory, "limited-" + Guid.NewGuid().ToString("N")[..6], AdminRole.Admin);
        await host.GrantAsync(limited, typeA);
        var (_, token) = await AccessFixtures.AddTokenAsync(host.Factory, limited, name: "limited token");
        using var api = host.Api(token);

        (await api.GetAsync($"/api/v1/asset-types/{typeA}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.GetAsync($"/api/v1/asset-types/{typeB}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.PutAsJsonAsync($"/api/v1/asset-types/{typeB}", CatalogHost.PooledBody(CatalogHost.Unique("Taken over"), new Dictionary<string, object?> { ["version"] = 1 })))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.PostAsync($"/api/v1/asset-types/{typeB}/clone", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.PostAsync($"/api/v1/asset-types/{typeB}/deactivate", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.DeleteAsync($"/api/v1/asset-types/{typeB}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var list = await api.GetAsync("/api/v1/asset-types?limit=200");
        (await CatalogHost.ReadAsync(list)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().Equal(typeA);

        // What the limited admin creates is granted to them, so it stays in their view.
        var own = await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Own")), token);
        (await api.GetAsync($"/api/v1/asset-types/{own.GetProperty("id").GetInt64()}")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The type B still exists for everybody else.
        using var root = host.Api();
        (await root.GetAsync($"/api/v1/asset-types/{typeB}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GrantsNarrowOnlyAdmins_LowerRolesReadEverything()
    {
        var typeA = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Seen")))).GetProperty("id").GetInt64();
        var typeB = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Also seen")))).GetProperty("id").GetInt64();
        var approver = await AccessFixtures.AddUserAsync(host.Factory, "approver-" + Guid.NewGuid().ToString("N")[..6], AdminRole.Approver);
        await host.GrantAsync(approver, typeA);
        var (_, token) = await AccessFixtures.AddTokenAsync(host.Factory, approver, name: "approver token");
        using var api = host.Api(token);
        (await api.GetAsync($"/api/v1/asset-types/{typeB}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
