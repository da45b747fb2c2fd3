using System.DirectoryServices.Protocols;
using IpSolis.Server.Integrations.Ldap;

namespace IpSolis.Bench.Directory;

/// <summary>Lists every person's uid with a plain paged search (the bench's own, to pick lookup keys).</summary>
internal static class LdapSearchAccess
{
    public static List<string> AllUids(LdapConnection connection, LdapConfiguration configuration)
    {
        var uids = new List<string>();
        var request = new SearchRequest(configuration.BaseDn, configuration.PeopleFilter, SearchScope.Subtree, "uid");
        var paging = new PageResultRequestControl(200);
        request.Controls.Add(paging);
        while (true)
        {
            var response = (SearchResponse)connection.SendRequest(request);
            uids.AddRange(response.Entries.Cast<SearchResultEntry>().Select(e => (string)e.Attributes["uid"][0]));
            var page = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault();
            if (page is null || page.Cookie.Length == 0)
                return uids;
            paging.Cookie = page.Cookie;
        }
    }
}
