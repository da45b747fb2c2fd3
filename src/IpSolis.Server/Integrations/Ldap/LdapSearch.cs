using System.DirectoryServices.Protocols;
using System.Globalization;
using IpSolis.Domain.Ldap;
using IpSolis.Server.Features.Directory;

namespace IpSolis.Server.Integrations.Ldap;

/// <summary>The searches the adapter runs on a bound connection: paged, time-limited, and reading entries into people.</summary>
internal static class LdapSearch
{
    /// <summary>
    /// Every entry matching <paramref name="filter"/>, page by page (the simple paged results control), up to
    /// <paramref name="limit"/> entries. Servers without paging answer in one page.
    /// </summary>
    public static List<SearchResultEntry> Paged(
        LdapConnection connection, LdapConfiguration configuration, string baseDn, string filter, SearchScope scope, string[] attributes, int limit = int.MaxValue)
    {
        var request = new SearchRequest(baseDn, filter, scope, attributes) { TimeLimit = configuration.Timeout };
        var paging = new PageResultRequestControl(Math.Min(configuration.PageSize, limit)) { IsCritical = false };
        request.Controls.Add(paging);
        var entries = new List<SearchResultEntry>();
        while (true)
        {
            var response = Send(connection, configuration, request);
            if (response is null)
                return entries;
            entries.AddRange(response.Entries.Cast<SearchResultEntry>());
            if (entries.Count >= limit)
                return entries.Take(limit).ToList();
            var page = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault();
            if (page is null || page.Cookie.Length == 0)
                return entries;
            paging.Cookie = page.Cookie;
        }
    }

    /// <summary>The one entry at <paramref name="dn"/> matching <paramref name="filter"/>, or null (absent or not matching).</summary>
    public static SearchResultEntry? Base(LdapConnection connection, LdapConfiguration configuration, string dn, string filter, string[] attributes)
    {
        var request = new SearchRequest(dn, filter, SearchScope.Base, attributes) { TimeLimit = configuration.Timeout, SizeLimit = 1 };
        return Send(connection, configuration, request)?.Entries.Cast<SearchResultEntry>().FirstOrDefault();
    }

    /// <summary>Sends a search; a base that does not exist answers null instead of throwing.</summary>
    private static SearchResponse? Send(LdapConnection connection, LdapConfiguration configuration, SearchRequest request)
    {
        try
        {
            return (SearchResponse)connection.SendRequest(request, configuration.Timeout);
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode is ResultCode.NoSuchObject or ResultCode.InvalidDNSyntax)
        {
            return null;
        }
        catch (DirectoryOperationException ex) when (ex.Response is SearchResponse partial && partial.ResultCode == ResultCode.SizeLimitExceeded)
        {
            return partial;
        }
    }

    /// <summary>A person read from an entry, or null when it has no usable email (callers key people by email).</summary>
    public static LdapPerson? Person(SearchResultEntry entry, LdapConfiguration configuration)
    {
        var email = Text(entry, configuration.EmailAttribute) ?? (configuration.UpnAttribute is { } upn ? Text(entry, upn) : null);
        if (email is null || !email.Contains('@', StringComparison.Ordinal))
            return null;
        var username = Text(entry, configuration.UsernameAttribute);
        var name = Text(entry, configuration.DisplayNameAttribute) ?? Text(entry, "cn") ?? username ?? email;
        var directoryEntry = new DirectoryEntry(email.Trim().ToLowerInvariant(), name)
        {
            Username = username?.ToLowerInvariant(),
            Department = Text(entry, configuration.DepartmentAttribute),
            CostCenter = Text(entry, configuration.CostCenterAttribute),
            Company = Text(entry, configuration.CompanyAttribute),
            EmployeeId = Text(entry, configuration.EmployeeIdAttribute),
            Title = Text(entry, configuration.TitleAttribute),
            IsActive = !IsDisabled(entry, configuration),
        };
        return new LdapPerson(entry.DistinguishedName, directoryEntry, Text(entry, configuration.ManagerAttribute));
    }

    /// <summary>
    /// Active Directory: <c>userAccountControl</c> has ACCOUNTDISABLE (2). Elsewhere: the disabled attribute is
    /// present (ppolicy's <c>pwdAccountLockedTime</c> by default; ppolicy itself may or may not refuse the bind).
    /// </summary>
    public static bool IsDisabled(SearchResultEntry entry, LdapConfiguration configuration)
    {
        var value = Text(entry, configuration.DisabledAttribute);
        if (configuration.IsActiveDirectory && string.Equals(configuration.DisabledAttribute, "userAccountControl", StringComparison.OrdinalIgnoreCase))
            return value is not null && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var flags) && (flags & 2) != 0;
        return value is not null;
    }

    /// <summary>The people filter narrowed by <paramref name="condition"/> (already built with <see cref="LdapFilter"/>).</summary>
    public static string People(LdapConfiguration configuration, string condition) => LdapFilter.And(configuration.PeopleFilter, condition);

    public static string? Text(SearchResultEntry entry, string? attribute)
    {
        if (attribute is null || entry.Attributes[attribute] is not { Count: > 0 } values)
            return null;
        var value = values[0] switch
        {
            string text => text,
            byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
            var other => other?.ToString(),
        };
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
