namespace IpSolis.Domain.Portal;

/// <summary>
/// The email domains an OpenID Connect provider may sign people in from (blank: any). A domain matches the part
/// after the last <c>@</c> exactly, or as a parent domain (<c>example.com</c> allows <c>de.example.com</c>), never as
/// a mere suffix (<c>example.com</c> does not allow <c>badexample.com</c>).
/// </summary>
public sealed class EmailDomainAllowList
{
    private readonly IReadOnlyList<string> _domains;

    private EmailDomainAllowList(IReadOnlyList<string> domains) => _domains = domains;

    public IReadOnlyList<string> Domains => _domains;

    public bool AllowsAny => _domains.Count == 0;

    /// <summary>Reads a comma, space or line separated list (a leading <c>@</c> is dropped), or says what is wrong.</summary>
    public static Result<EmailDomainAllowList> Parse(string? text)
    {
        var domains = new List<string>();
        foreach (var raw in (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var domain = raw.Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant();
            if (!IsDomain(domain))
                return new DomainError("oidc.allowed_domains", $"'{raw.Trim()}' is not a domain name like example.com.", "allowedDomains");
            if (!domains.Contains(domain))
                domains.Add(domain);
        }

        return Result<EmailDomainAllowList>.Success(new EmailDomainAllowList(domains));
    }

    public bool Allows(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
            return false;
        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1)
            return false;
        if (AllowsAny)
            return true;
        var domain = email[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        return _domains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
    }

    public override string ToString() => string.Join(", ", _domains);

    private static bool IsDomain(string domain)
    {
        if (domain.Length is 0 or > 253 || !domain.Contains('.', StringComparison.Ordinal))
            return false;
        foreach (var label in domain.Split('.'))
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-'))
                return false;
            if (!label.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
                return false;
        }

        return true;
    }
}
