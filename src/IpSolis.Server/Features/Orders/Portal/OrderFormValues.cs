using IpSolis.Domain;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Features.Catalog;
using Microsoft.Extensions.Primitives;

namespace IpSolis.Server.Features.Orders.Portal;

/// <summary>
/// What the portal order form holds: as proposed (defaults) or as posted, so a refused order comes back with
/// everything the person typed. The requester is never among them: it comes from the session.
/// </summary>
public sealed class OrderFormValues
{
    public const string FromField = "from";
    public const string UntilField = "until";
    public const string OwnerField = "ownerEmail";
    public const string RdpUsersField = "rdpUsers";
    public const string AdminUsersField = "adminUsers";
    public const string JustificationField = "justification";

    /// <summary>Attribute inputs are named <c>attr_&lt;key&gt;</c>, as the reference product's forms named them.</summary>
    public const string AttributePrefix = "attr_";

    /// <summary>When a type sets no default duration, the form proposes this many days.</summary>
    public const int FallbackDurationDays = 30;

    public string From { get; init; } = "";

    public string Until { get; init; } = "";

    public string OwnerEmail { get; init; } = "";

    /// <summary>One person per line, as typed.</summary>
    public string RdpUsers { get; init; } = "";

    public string AdminUsers { get; init; } = "";

    public string Justification { get; init; } = "";

    /// <summary>Raw values by attribute key (several only for MULTI_ENUM; <c>true</c>/<c>false</c> for BOOL).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The form as first shown: starting today, lasting the type's default duration (within its maximum
    /// lifetime), attributes at their defaults.</summary>
    public static OrderFormValues Proposed(AssetType type, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(type);
        var today = Domain.Orders.OrderDates.StartOfDay(now);
        var days = type.DefaultDurationDays ?? FallbackDurationDays;
        if (type.MaximumLifetimeDays is { } longest && days > longest)
            days = longest;
        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var attribute in type.Attributes)
        {
            if (string.IsNullOrWhiteSpace(attribute.DefaultValue))
                continue;
            attributes[attribute.Key] = attribute.Type == AttributeType.MultiEnum
                ? attribute.DefaultValue.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [attribute.DefaultValue.Trim()];
        }

        return new OrderFormValues
        {
            From = PortalDates.InputValue(today),
            Until = PortalDates.InputValue(today.AddDays(Math.Max(1, days))),
            Attributes = attributes,
        };
    }

    /// <summary>The posted form. Only the fields the type's form has are read; anything else posted (a forged
    /// <c>requesterEmail</c>, say) is ignored.</summary>
    public static OrderFormValues Posted(IFormCollection form, AssetType type)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(type);
        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var attribute in type.Attributes)
        {
            var posted = form[AttributePrefix + attribute.Key];
            // An unticked checkbox sends nothing: for a BOOL that means "false", not "use the default".
            attributes[attribute.Key] = attribute.Type == AttributeType.Bool
                ? [AttributeValues.ParseFlag(posted.FirstOrDefault()) == true ? "true" : "false"]
                : posted.Where(v => v is not null).Select(v => v!).ToList();
        }

        return new OrderFormValues
        {
            From = Text(form[FromField]),
            Until = Text(form[UntilField]),
            OwnerEmail = Text(form[OwnerField]),
            RdpUsers = Text(form[RdpUsersField]),
            AdminUsers = Text(form[AdminUsersField]),
            Justification = Text(form[JustificationField]),
            Attributes = attributes,
        };
    }

    /// <summary>The order for <paramref name="requesterEmail"/> (the session's person), or the date errors that
    /// keep it from being asked for at all.</summary>
    public Result<PlaceOrder> ToOrder(long assetTypeId, string requesterEmail)
    {
        var from = PortalDates.ParseDay(From);
        var until = PortalDates.ParseDay(Until);
        var errors = new List<DomainError>();
        if (from is null)
            errors.Add(new DomainError("order.from_invalid", "Enter the start as a date.", FromField));
        if (until is null)
            errors.Add(new DomainError("order.until_invalid", "Enter the end as a date.", UntilField));
        if (errors.Count > 0)
            return Result<PlaceOrder>.Failure([.. errors]);

        return new PlaceOrder(assetTypeId, requesterEmail, from!.Value, until!.Value)
        {
            OwnerEmail = string.IsNullOrWhiteSpace(OwnerEmail) ? null : OwnerEmail.Trim(),
            Attributes = Attributes,
            Justification = string.IsNullOrWhiteSpace(Justification) ? null : Justification,
            RdpUsers = Lines(RdpUsers),
            AdminUsers = Lines(AdminUsers),
            Source = "portal",
        };
    }

    /// <summary>The entries of a one-per-line list (commas and semicolons separate too).</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether <paramref name="option"/> is among the values of attribute <paramref name="key"/>.</summary>
    public bool Has(string key, string option) =>
        Attributes.TryGetValue(key, out var values) && values.Any(v => string.Equals(v.Trim(), option, StringComparison.OrdinalIgnoreCase));

    /// <summary>The (first) value of attribute <paramref name="key"/>, or empty.</summary>
    public string ValueOf(string key) => Attributes.TryGetValue(key, out var values) ? values.FirstOrDefault() ?? "" : "";

    private static string Text(StringValues values) => values.FirstOrDefault() ?? "";
}
