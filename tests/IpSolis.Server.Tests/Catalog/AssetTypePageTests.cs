using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Html.Dom;
using IpSolis.Domain.Access;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Catalog;

public sealed class AssetTypePageTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    private async Task<ConsoleClient> SignedInAsync(string username)
    {
        var console = ConsoleClient.For(host.Factory);
        await console.SignInAsync(username, AccessFixtures.Password);
        return console;
    }

    private static Dictionary<string, string> ValidForm(string name) => new()
    {
        ["Form.Name"] = name,
        ["Form.Description"] = "Seats of the CRM",
        ["Form.Category"] = "application_access",
        ["Form.IsActive"] = "true",
        ["Form.AssignmentModel"] = "capacity_pooled",
        ["Form.PoolCapacity"] = "10",
        ["Form.PersonalProvisioningStrategy"] = "",
        ["Form.AutomationStrategy"] = "group_only",
        ["Form.DeprovisionPolicy"] = "access_only",
        ["Form.MaxPerUser"] = "1",
        ["Form.DefaultDurationDays"] = "30",
        ["Form.MaximumLifetimeDays"] = "90",
        ["Form.Renewable"] = "true",
        ["Form.StepVisibility"] = "detailed",
        ["Form.Icon"] = "cloud",
        ["Form.Intent"] = "save",
    };

    private async Task<AssetType?> FindByNameAsync(string name)
    {
        await using var db = await AccessFixtures.Contexts(host.Factory).CreateDbContextAsync();
        var normalized = name.ToLowerInvariant();
        return await db.Set<AssetType>().AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedName == normalized);
    }

    private static string Value(IHtmlDocument page, string id) => ((IHtmlInputElement)page.GetElementById(id)!).Value;

    [Fact]
    public async Task ListPage_ShowsTypesWithFilters_AndOffersCreatingToAdmins()
    {
        var name = CatalogHost.Unique("Listed");
        var id = (await host.CreateAsync(CatalogHost.PooledBody(name))).GetProperty("id").GetInt64();
        using var console = await SignedInAsync("ops");

        var (response, page) = await console.GetPageAsync("/ui/asset-types");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector($"a[href='/ui/asset-types/{id}']")!.TextContent.Should().Contain(name);
        page.QuerySelector("a[href='/ui/asset-types/new']").Should().NotBeNull();
        page.QuerySelector($"a[href='/ui/pool?type={id}']").Should().NotBeNull();
        page.QuerySelector($"a[href='/ui/orders?type={id}']").Should().NotBeNull();

        var (_, filtered) = await console.GetPageAsync($"/ui/asset-types?q={Uri.EscapeDataString(name)}&status=inactive");
        filtered.QuerySelector($"a[href='/ui/asset-types/{id}']").Should().BeNull();
        filtered.Body!.TextContent.Should().Contain("No asset type matches the filter");
    }

    [Fact]
    public async Task ListPage_OnAFreshInstall_ShowsTheEmptyStateWithACallToAction()
    {
        await using var factory = await IpSolisFactory.CreateAsync();
        await AccessFixtures.AddUserAsync(factory, "first", AdminRole.Superadmin);
        using var console = ConsoleClient.For(factory);
        await console.SignInAsync("first", AccessFixtures.Password);

        var (response, page) = await console.GetPageAsync("/ui/asset-types");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".empty-state")!.TextContent.Should().Contain("No asset types yet").And.Contain("Create asset type");
    }

    [Fact]
    public async Task NewPage_WithValidInput_CreatesTheTypeAndRedirectsToIt()
    {
        var name = CatalogHost.Unique("Form made");
        using var console = await SignedInAsync("ops");
        var fields = ValidForm(name);
        fields["Form.Attributes[0].Key"] = "size";
        fields["Form.Attributes[0].Label"] = "Size";
        fields["Form.Attributes[0].Type"] = "ENUM";
        fields["Form.Attributes[0].Options"] = "small, large";
        fields["Form.Attributes[0].DefaultValue"] = "small";
        fields["Form.Attributes[0].Classification"] = "internal";
        fields["Form.Attributes[1].Key"] = "";
        fields["Form.Attributes[1].Label"] = "";
        fields["Form.Attributes[1].Type"] = "STRING";

        var (response, page) = await console.SubmitAsync("/ui/asset-types/new", "asset-type", fields);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, page.QuerySelector(".alert-error")?.TextContent);
        var type = await FindByNameAsync(name);
        type.Should().NotBeNull();
        ConsoleClient.RedirectTarget(response).Should().Be($"/ui/asset-types/{type!.Id}?done=created");
        type.StepVisibility.Should().Be(Domain.Catalog.StepVisibility.Detailed);
        type.Icon.Should().Be("cloud");
        type.Attributes.Should().ContainSingle().Which.Options.Should().Equal("small", "large");
        (await AccessFixtures.AuditAsync(host.Factory)).Should().Contain(e => e.Action == "asset_type.created" && e.Actor.StartsWith("admin:session:ops"));

        var (shown, edit) = await console.GetPageAsync($"/ui/asset-types/{type.Id}?done=created");
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        edit.QuerySelector(".alert-success")!.TextContent.Should().Contain("created");
        Value(edit, "attr-0-key").Should().Be("size");
        Value(edit, "attr-0-options").Should().Be("small, large");
        Value(edit, "attr-1-key").Should().BeEmpty("one blank fieldset is there to add an attribute");
    }

    [Fact]
    public async Task NewPage_WithInvalidInput_ShowsErrorsNextToTheFields_KeepsTheValues_AndCreatesNothing()
    {
        var before = await host.CountTypesAsync();
        using var console = await SignedInAsync("ops");
        var fields = ValidForm("");
        fields["Form.Description"] = "Kept description";
        fields["Form.PoolCapacity"] = "lots";
        fields["Form.Currency"] = "EURO";
        fields["Form.JustificationRequired"] = "true";
        fields["Form.Attributes[0].Key"] = "Bad Key";
        fields["Form.Attributes[0].Label"] = "Bad";
        fields["Form.Attributes[0].Type"] = "ENUM";

        var (response, page) = await console.SubmitAsync("/ui/asset-types/new", "asset-type", fields);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.CountTypesAsync()).Should().Be(before);
        page.GetElementById("type-name-error")!.TextContent.Should().Contain("name is required");
        page.GetElementById("type-capacity-error")!.TextContent.Should().Contain("'lots' is not a whole number");
        page.GetElementById("type-currency-error")!.TextContent.Should().Contain("ISO 4217");
        page.GetElementById("type-justification-error").Should().NotBeNull();
        page.GetElementById("attr-0-key-error")!.TextContent.Should().Contain("not a valid key");
        page.GetElementById("attr-0-options-error")!.TextContent.Should().Contain("needs at least one option");
        Value(page, "type-capacity").Should().Be("lots");
        Value(page, "attr-0-key").Should().Be("Bad Key");
        page.GetElementById("type-description")!.TextContent.Should().Be("Kept description");
        page.QuerySelector(".alert-error")!.TextContent.Should().Contain("was not saved");
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var name = CatalogHost.Unique("Forged");
        var id = (await host.CreateAsync(CatalogHost.PooledBody(name))).GetProperty("id").GetInt64();
        using var console = await SignedInAsync("ops");
        var before = await host.CountTypesAsync();

        var fields = ValidForm(CatalogHost.Unique("Forged new"));
        fields["_handler"] = "asset-type";
        var (created, _) = await console.PostAsync("/ui/asset-types/new", fields);
        var (deleted, _) = await console.PostAsync($"/ui/asset-types/{id}/delete", [new("confirm", "yes")]);

        created.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        deleted.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.CountTypesAsync()).Should().Be(before);
        (await FindByNameAsync(name)).Should().NotBeNull();
    }

    [Fact]
    public async Task EditPage_SavesChanges_RemovesAndAddsAttributes()
    {
        var name = CatalogHost.Unique("Editable");
        var id = (await host.CreateAsync(CatalogHost.PooledBody(name, new Dictionary<string, object?>
        {
            ["attributes"] = new object[]
            {
                new { key = "old_one", label = "Old", type = "STRING" },
                new { key = "kept", label = "Kept", type = "INT", validation = new { min = 1, max = 4 } },
            },
        }))).GetProperty("id").GetInt64();
        using var console = await SignedInAsync("ops");
        var fields = ValidForm(name + " renamed");
        fields["Form.Attributes[0].Key"] = "old_one";
        fields["Form.Attributes[0].Label"] = "Old";
        fields["Form.Attributes[0].Type"] = "STRING";
        fields["Form.Attributes[0].Remove"] = "true";
        fields["Form.Attributes[1].Key"] = "kept";
        fields["Form.Attributes[1].Label"] = "Kept";
        fields["Form.Attributes[1].Type"] = "INT";
        fields["Form.Attributes[1].Min"] = "1";
        fields["Form.Attributes[1].Max"] = "8";
        fields["Form.Attributes[2].Key"] = "os";
        fields["Form.Attributes[2].Label"] = "Operating system";
        fields["Form.Attributes[2].Type"] = "MULTI_ENUM";
        fields["Form.Attributes[2].Options"] = "windows,linux";
        fields["Form.Attributes[2].VisibleField"] = "kept";
        fields["Form.Attributes[2].VisibleValue"] = "2";
        fields["Form.Attributes[2].Classification"] = "phi";

        var (response, page) = await console.SubmitAsync($"/ui/asset-types/{id}", "asset-type", fields);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, page.QuerySelector(".alert-error")?.TextContent);
        ConsoleClient.RedirectTarget(response).Should().Be($"/ui/asset-types/{id}?done=saved");
        await using var db = await AccessFixtures.Contexts(host.Factory).CreateDbContextAsync();
        var type = await db.Set<AssetType>().AsNoTracking().SingleAsync(t => t.Id == id);
        type.Name.Should().Be(name + " renamed");
        type.Version.Should().Be(2);
        type.Attributes.Select(a => a.Key).Should().Equal("kept", "os");
        type.Attributes[0].Validation!.Max.Should().Be(8);
        type.Attributes[1].VisibleWhen.Should().Be(new Domain.Catalog.AttributeCondition("kept", "2"));
        type.StrictestClassification.Should().Be(Domain.Catalog.Classification.Phi);
    }

    [Fact]
    public async Task EditPage_ErrorsInAttributesAfterARemovedOne_AreShownOnTheirOwnRow()
    {
        var name = CatalogHost.Unique("Rows");
        var id = (await host.CreateAsync(CatalogHost.PooledBody(name, new Dictionary<string, object?>
        {
            ["attributes"] = new object[] { new { key = "gone", label = "Gone", type = "STRING" } },
        }))).GetProperty("id").GetInt64();
        using var console = await SignedInAsync("ops");
        var fields = ValidForm(name);
        fields["Form.Attributes[0].Key"] = "gone";
        fields["Form.Attributes[0].Label"] = "Gone";
        fields["Form.Attributes[0].Type"] = "STRING";
        fields["Form.Attributes[0].Remove"] = "true";
        fields["Form.Attributes[1].Key"] = "level";
        fields["Form.Attributes[1].Label"] = "Level";
        fields["Form.Attributes[1].Type"] = "INT";
        fields["Form.Attributes[1].Min"] = "9";
        fields["Form.Attributes[1].Max"] = "1";

        var (response, page) = await console.SubmitAsync($"/ui/asset-types/{id}", "asset-type", fields);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.GetElementById("attr-1-min-error")!.TextContent.Should().Contain("greater than the maximum");
        page.GetElementById("attr-0-min-error").Should().BeNull();
        ((IHtmlInputElement)page.QuerySelector("input[name='Form.Attributes[0].Remove']")!).IsChecked.Should().BeTrue();
    }

    [Fact]
    public async Task EditPage_SavingAnOutdatedVersion_SaysSoAndKeepsTheInput()
    {
        var name = CatalogHost.Unique("Race");
        var id = (await host.CreateAsync(CatalogHost.PooledBody(name))).GetProperty("id").GetInt64();
        using var console = await SignedInAsync("ops");
        var (_, page) = await console.GetPageAsync($"/ui/asset-types/{id}");
        var token = ConsoleClient.AntiforgeryToken(page, "asset-type");

        using var api = host.Api();
        (await api.PutAsJsonAsync($"/api/v1/asset-types/{id}", CatalogHost.PooledBody(name, new Dictionary<string, object?> { ["poolCapacity"] = 3, ["version"] = 1 })))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var fields = ValidForm(name);
        fields["Form.PoolCapacity"] = "77";
        fields["Form.Version"] = "1";
        fields["_handler"] = "asset-type";
        fields["__RequestVerificationToken"] = token;
        var (response, result) = await console.PostAsync($"/ui/asset-types/{id}", fields);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        result.QuerySelector(".alert-error")!.TextContent.Should().Contain("changed by someone else");
        Value(result, "type-capacity").Should().Be("77");
        (await host.Api().GetFromJsonAsync<AssetTypeView>($"/api/v1/asset-types/{id}", CatalogHost.Json))!.PoolCapacity.Should().Be(3);
    }

    [Fact]
    public async Task HelpTextPreview_RendersSafeMarkdown_WithoutSaving()
    {
        var name = CatalogHost.Unique("Preview");
        var id = (await host.CreateAsync(CatalogHost.PooledBody(name))).GetProperty("id").GetInt64();
        using var console = await SignedInAsync("ops");
        var fields = ValidForm(name);
        fields["Form.HelpText"] = "**Bold** <script>alert(1)</script> [x](javascript:alert(2))";
        fields["Form.Intent"] = "preview";

        var (response, page) = await console.SubmitAsync($"/ui/asset-types/{id}", "asset-type", fields);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var preview = page.QuerySelector(".help-text")!;
        preview.QuerySelector("strong")!.TextContent.Should().Be("Bold");
        preview.QuerySelector("script").Should().BeNull();
        preview.QuerySelector("a").Should().BeNull();
        preview.TextContent.Should().Contain("<script>");
        (await FindByNameAsync(name))!.HelpText.Should().BeEmpty();
    }

    [Fact]
    public async Task IconUpload_AcceptsAPngAndRefusesAHostileSvg()
    {
        var name = CatalogHost.Unique("Uploaded");
        var id = (await host.CreateAsync(CatalogHost.PooledBody(name))).GetProperty("id").GetInt64();
        using var console = await SignedInAsync("ops");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

        var (accepted, _) = await UploadAsync(console, $"/ui/asset-types/{id}", ValidForm(name), "logo.svg", png);
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await FindByNameAsync(name))!.Icon.Should().Be("data:image/png;base64," + Convert.ToBase64String(png));

        var hostile = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect onload=\"alert(1)\" width=\"5\" height=\"5\"/></svg>");
        var (refused, page) = await UploadAsync(console, $"/ui/asset-types/{id}", ValidForm(name), "icon.png", hostile);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.GetElementById("type-icon-error")!.TextContent.Should().Contain("onload");
        (await FindByNameAsync(name))!.Icon.Should().Be("data:image/png;base64," + Convert.ToBase64String(png));
    }

    [Fact]
    public async Task Buttons_CloneDeactivateAndDelete_RedirectWithTheOutcome()
    {
        var name = CatalogHost.Unique("Buttons");
        var id = (await host.CreateAsync(CatalogHost.PooledBody(name))).GetProperty("id").GetInt64();
        using var console = await SignedInAsync("ops");

        var (cloned, _) = await console.SubmitAsync($"/ui/asset-types/{id}", $"/ui/asset-types/{id}/clone", new Dictionary<string, string>());
        cloned.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var copy = await FindByNameAsync(name + " (copy)");
        copy!.IsActive.Should().BeFalse();
        ConsoleClient.RedirectTarget(cloned).Should().Be($"/ui/asset-types/{copy.Id}?done=cloned");

        var (deactivated, _) = await console.SubmitAsync($"/ui/asset-types/{id}", $"/ui/asset-types/{id}/deactivate", new Dictionary<string, string>());
        ConsoleClient.RedirectTarget(deactivated).Should().Be($"/ui/asset-types/{id}?done=deactivated");
        (await FindByNameAsync(name))!.IsActive.Should().BeFalse();

        await host.AddOrderAsync(id);
        var (refused, _) = await console.SubmitAsync($"/ui/asset-types/{id}", $"/ui/asset-types/{id}/delete", new Dictionary<string, string>());
        var target = ConsoleClient.RedirectTarget(refused);
        target.Should().StartWith($"/ui/asset-types/{id}?error=");
        var (_, shown) = await console.GetPageAsync(target);
        shown.QuerySelector(".alert-error")!.TextContent.Should().Contain("Deactivate it instead");
        (await FindByNameAsync(name)).Should().NotBeNull();

        var (deleted, _) = await console.SubmitAsync($"/ui/asset-types/{copy.Id}", $"/ui/asset-types/{copy.Id}/delete", new Dictionary<string, string>());
        ConsoleClient.RedirectTarget(deleted).Should().Be("/ui/asset-types?done=deleted");
        (await FindByNameAsync(name + " (copy)")).Should().BeNull();
    }

    [Fact]
    public async Task Helpdesk_ReadsTheTypeWithoutEditControls_AndCannotPost()
    {
        var name = CatalogHost.Unique("Desk view");
        var id = (await host.CreateAsync(CatalogHost.PooledBody(name))).GetProperty("id").GetInt64();
        using var console = await SignedInAsync("desk");

        var (response, page) = await console.GetPageAsync($"/ui/asset-types/{id}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("fieldset.asset-type-editor")!.HasAttribute("disabled").Should().BeTrue();
        page.QuerySelectorAll("button[type=submit]").Select(b => b.TextContent).Should().NotContain(t => t.Contains("Save") || t.Contains("Delete") || t.Contains("Clone"));

        var fields = ValidForm(name + " hijacked");
        fields["_handler"] = "asset-type";
        fields["__RequestVerificationToken"] = ConsoleClient.AntiforgeryToken(page, "asset-type");
        var (posted, _) = await console.PostAsync($"/ui/asset-types/{id}", fields);
        posted.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await FindByNameAsync(name)).Should().NotBeNull();

        var (newPage, _) = await console.GetPageAsync("/ui/asset-types/new");
        newPage.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAdminWithGrants_SeesOnlyGrantedTypesInThePages()
    {
        var typeA = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Page granted")))).GetProperty("id").GetInt64();
        var typeB = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Page hidden")))).GetProperty("id").GetInt64();
        var username = "scoped-" + Guid.NewGuid().ToString("N")[..6];
        var limited = await AccessFixtures.AddUserAsync(host.Factory, username, AdminRole.Admin);
        await host.GrantAsync(limited, typeA);
        using var console = await SignedInAsync(username);

        var (list, page) = await console.GetPageAsync("/ui/asset-types");
        list.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector($"a[href='/ui/asset-types/{typeA}']").Should().NotBeNull();
        page.QuerySelector($"a[href='/ui/asset-types/{typeB}']").Should().BeNull();
        (await console.GetPageAsync($"/ui/asset-types/{typeB}")).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>Posts the page's asset-type form as a browser does with a file chosen (multipart).</summary>
    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> UploadAsync(
        ConsoleClient console, string path, Dictionary<string, string> fields, string fileName, byte[] content)
    {
        var (_, page) = await console.GetPageAsync(path);
        var form = ConsoleClient.FindForm(page, "asset-type")!;
        using var body = new MultipartFormDataContent();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && i.Name is not null))
        {
            if (!fields.ContainsKey(hidden.Name!))
                body.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        foreach (var (key, value) in fields)
            body.Add(new StringContent(value), key);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "IconUpload", fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Add("Accept", "text/html");
        var response = await console.Http.SendAsync(request);
        return (response, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }
}
