using System.Net.Mail;

namespace IpSolis.Domain.Orders;

/// <summary>The people an order names: requester, owner, RDP and admin users.</summary>
public static class OrderPeople
{
    public const int MaxEmailLength = 320;

    /// <summary>Most people one RDP or admin list may name.</summary>
    public const int MaxListLength = 50;

    /// <summary>The email lower-cased and trimmed, or why it is not an email address.</summary>
    public static Result<string> CheckEmail(string? email, string field)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length == 0)
            return new DomainError("order.email_required", $"{Label(field)} is required.", field);
        if (trimmed.Length > MaxEmailLength || !IsEmail(trimmed))
            return new DomainError("order.email_invalid", $"{Label(field)} '{Shorten(trimmed)}' is not an email address.", field);
        return trimmed.ToLowerInvariant();
    }

    /// <summary>
    /// An RDP or admin list: refused when the type does not ask for it (<paramref name="allowed"/> false) and not
    /// empty; entries trimmed, lower-cased, de-duplicated; each an email or a directory username.
    /// </summary>
    public static Result<IReadOnlyList<string>> CheckList(IReadOnlyList<string>? people, bool allowed, string field)
    {
        var entries = (people ?? []).Select(p => p?.Trim() ?? "").Where(p => p.Length > 0)
            .Select(p => p.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (entries.Count == 0)
            return Result<IReadOnlyList<string>>.Success([]);
        if (!allowed)
            return new DomainError("order.list_not_allowed", $"This type does not take {Label(field)}.", field);
        if (entries.Count > MaxListLength)
            return new DomainError("order.list_too_long", $"{Label(field)} can name at most {MaxListLength} people.", field);
        var bad = entries.FirstOrDefault(e => e.Length > MaxEmailLength || (e.Contains('@', StringComparison.Ordinal) ? !IsEmail(e) : !IsUsername(e)));
        if (bad is not null)
            return new DomainError("order.list_entry_invalid", $"'{Shorten(bad)}' in {Label(field)} is neither an email address nor a user name.", field);
        return entries;
    }

    private static bool IsEmail(string text)
    {
        if (text.Any(char.IsWhiteSpace) || text.Count(c => c == '@') != 1)
            return false;
        if (!MailAddress.TryCreate(text, out var address) || !string.Equals(address.Address, text, StringComparison.OrdinalIgnoreCase))
            return false;
        var host = text[(text.IndexOf('@', StringComparison.Ordinal) + 1)..];
        return host.Length > 0 && !host.StartsWith('.') && !host.EndsWith('.');
    }

    private static bool IsUsername(string text) =>
        text.Length <= 128 && text.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '\\' or '$');

    private static string Label(string field) => field switch
    {
        "requesterEmail" => "The requester's email",
        "ownerEmail" => "The owner's email",
        "rdpUsers" => "RDP users",
        "adminUsers" => "admin users",
        _ => field,
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
