using System.Globalization;
using System.Text;
using CsvHelper;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// Imports people (and their group memberships) into the local directory from CSV or LDIF. A dry run reports per
/// line what would be added, updated or refused and writes nothing. A real run writes only when no line has an error:
/// all or nothing, in one transaction, with one audit row for the import and one per changed person. People missing
/// from the file are left alone (an import never deletes or deactivates). Passwords are never imported.
/// </summary>
public sealed class DirectoryImport(IDbContextFactory<IpSolisDbContext> contexts, IAuditTrail audit, TimeProvider time)
{
    /// <summary>Files larger than this are refused before parsing.</summary>
    public const int MaxCharacters = 5_000_000;

    public const int MaxPeople = 50_000;

    public async Task<DirectoryImportReport> RunAsync(AuditActor actor, DirectoryImportFormat format, string content, bool dryRun, CancellationToken cancellationToken)
    {
        if (content.Length > MaxCharacters)
            return Refused($"The file is larger than {MaxCharacters / 1_000_000} million characters; split it.");
        List<ImportedPerson> parsed;
        try
        {
            parsed = format == DirectoryImportFormat.Csv ? ParseCsv(content) : ParseLdif(content);
        }
        catch (FormatException ex)
        {
            return Refused(ex.Message);
        }

        if (parsed.Count > MaxPeople)
            return Refused($"The file holds more than {MaxPeople} people; split it.");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Set<DirectoryPerson>().ToDictionaryAsync(p => p.Email, StringComparer.Ordinal, cancellationToken);
        var groups = await db.Set<DirectoryGroup>().ToDictionaryAsync(g => g.NormalizedName, StringComparer.Ordinal, cancellationToken);
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        var usernames = existing.Values.Where(p => p.Username is not null).ToDictionary(p => p.Username!, p => p.Email, StringComparer.Ordinal);
        var rows = new List<DirectoryImportRow>();
        var accepted = new List<(ImportedPerson Source, DirectoryEntry Clean, DirectoryImportAction Action)>();

        foreach (var person in parsed)
        {
            var clean = LocalDirectory.Clean(person.Entry, out var errors);
            if (errors.Count == 0 && !inFile.Add(clean.Email))
                errors.Add(new IpSolis.Domain.DomainError("directory_import.duplicate", $"{clean.Email} appears twice in the file.", "email"));
            if (errors.Count == 0 && clean.Username is { } username && usernames.TryGetValue(username, out var owner) && owner != clean.Email)
                errors.Add(new IpSolis.Domain.DomainError("directory_person.name_taken", $"The username '{username}' belongs to {owner}.", "username"));
            if (errors.Count == 0 && person.Error is { } parseError)
                errors.Add(new IpSolis.Domain.DomainError("directory_import.invalid", parseError));
            if (errors.Count > 0)
            {
                rows.Add(new DirectoryImportRow(person.Line, person.Entry.Email, DirectoryImportAction.Error, string.Join(" ", errors.Select(e => e.Message))));
                continue;
            }

            if (clean.Username is { } name)
                usernames[name] = clean.Email;
            var action = !existing.TryGetValue(clean.Email, out var current) ? DirectoryImportAction.Add
                : Same(LocalPersonDirectory.Entry(current), clean) ? DirectoryImportAction.Unchanged
                : DirectoryImportAction.Update;
            accepted.Add((person, clean, action));
            rows.Add(new DirectoryImportRow(person.Line, clean.Email, action,
                action == DirectoryImportAction.Update ? Changes(LocalPersonDirectory.Entry(current!), clean) : null));
        }

        // Managers must be in the directory or in the file.
        foreach (var (source, clean, _) in accepted.ToList())
        {
            if (clean.ManagerEmail is { } manager && !existing.ContainsKey(manager) && !inFile.Contains(manager))
            {
                var index = rows.FindIndex(r => r.Line == source.Line);
                rows[index] = rows[index] with { Action = DirectoryImportAction.Error, Message = $"The manager {manager} is neither in the directory nor in the file." };
                accepted.RemoveAll(a => a.Source.Line == source.Line);
            }
        }

        var newGroups = accepted.SelectMany(a => a.Source.Groups).Select(g => g.Trim()).Where(g => g.Length > 0)
            .DistinctBy(LocalDirectory.NormalizeGroupName).Where(g => !groups.ContainsKey(LocalDirectory.NormalizeGroupName(g))).ToList();
        var badGroup = newGroups.FirstOrDefault(g => g.Length > 200 || g.Any(char.IsControl));
        if (badGroup is not null)
            rows.Add(new DirectoryImportRow(0, null, DirectoryImportAction.Error, $"The group name '{badGroup[..Math.Min(40, badGroup.Length)]}' is too long or has control characters."));

        var report = new DirectoryImportReport(dryRun, false, rows, newGroups);
        if (dryRun || report.Errors > 0)
            return report;

        var now = time.GetUtcNow();
        foreach (var name in newGroups)
        {
            var group = new DirectoryGroup { Name = name, NormalizedName = LocalDirectory.NormalizeGroupName(name), CreatedAt = now };
            db.Add(group);
            groups[group.NormalizedName] = group;
        }

        var people = new Dictionary<string, DirectoryPerson>(existing, StringComparer.Ordinal);
        foreach (var (_, clean, action) in accepted)
        {
            if (action == DirectoryImportAction.Unchanged)
                continue;
            if (!people.TryGetValue(clean.Email, out var person))
            {
                person = new DirectoryPerson { Email = clean.Email, DisplayName = clean.DisplayName, CreatedAt = now };
                db.Add(person);
                people[clean.Email] = person;
            }

            person.TakeDetails(clean, now);
            audit.Record(db, actor, new AuditEvent(action == DirectoryImportAction.Add ? "directory_person.created" : "directory_person.updated",
                "directory_person", NewValues: new { clean.Email, clean.DisplayName, clean.ManagerEmail, clean.Department, clean.CostCenter, clean.IsActive, source = "import" },
                Classification: "pii"));
        }

        await db.SaveChangesAsync(cancellationToken);

        var memberships = await db.Set<DirectoryMembership>().Where(m => m.PersonId != null)
            .Select(m => new { m.GroupId, m.PersonId }).ToListAsync(cancellationToken);
        var have = memberships.Select(m => (m.GroupId, m.PersonId!.Value)).ToHashSet();
        var added = 0;
        foreach (var (source, clean, _) in accepted)
        {
            foreach (var groupName in source.Groups.Select(LocalDirectory.NormalizeGroupName).Where(g => g.Length > 0).Distinct())
            {
                var key = (groups[groupName].Id, people[clean.Email].Id);
                if (have.Add(key))
                {
                    db.Add(new DirectoryMembership { GroupId = key.Item1, PersonId = key.Item2 });
                    added++;
                }
            }
        }

        audit.Record(db, actor, new AuditEvent("directory.imported", "directory", NewValues: new
        {
            format = format.ToString().ToLowerInvariant(),
            report.Added, report.Updated, report.Unchanged, groupsCreated = newGroups.Count, membershipsAdded = added,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return report with { Applied = true };
    }

    private static DirectoryImportReport Refused(string message) =>
        new(true, false, [new DirectoryImportRow(0, null, DirectoryImportAction.Error, message)], []);

    private static bool Same(DirectoryEntry a, DirectoryEntry b) => a with { } == b with { };

    private static string Changes(DirectoryEntry before, DirectoryEntry after)
    {
        var changed = new List<string>();
        void Compare(string name, object? x, object? y)
        {
            if (!Equals(x, y))
                changed.Add(name);
        }

        Compare("name", before.DisplayName, after.DisplayName);
        Compare("username", before.Username, after.Username);
        Compare("manager", before.ManagerEmail, after.ManagerEmail);
        Compare("department", before.Department, after.Department);
        Compare("cost centre", before.CostCenter, after.CostCenter);
        Compare("title", before.Title, after.Title);
        Compare("company", before.Company, after.Company);
        Compare("employee id", before.EmployeeId, after.EmployeeId);
        Compare("active", before.IsActive, after.IsActive);
        return "Changes " + string.Join(", ", changed) + ".";
    }

    private static List<ImportedPerson> ParseCsv(string content)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
        };
        List<string>? header = null;
        var people = new List<ImportedPerson>();
        try
        {
            using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(content), options);
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                    fields[i] = reader.GetString(i);
                if (header is null)
                {
                    header = [.. fields.Select(h => h.Trim().Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())];
                    if (!header.Contains("email"))
                        throw new FormatException("The CSV header has no 'email' column (the first line must name the columns: email, name, …).");
                    continue;
                }

                string? Field(string name) => header.IndexOf(name) is var index and >= 0 && index < fields.Length ? fields[index] : null;
                var active = Field("active");
                string? error = null;
                var isActive = true;
                if (!string.IsNullOrWhiteSpace(active))
                {
                    switch (active.Trim().ToLowerInvariant())
                    {
                        case "true" or "yes" or "1" or "y": break;
                        case "false" or "no" or "0" or "n": isActive = false; break;
                        default: error = $"active must be true or false, not '{active.Trim()}'."; break;
                    }
                }

                var entry = new DirectoryEntry(Field("email") ?? "", Field("name") ?? Field("displayname") ?? "")
                {
                    Username = Field("username"),
                    ManagerEmail = Field("manager") ?? Field("manageremail"),
                    Department = Field("department"),
                    CostCenter = Field("costcenter") ?? Field("costcentre"),
                    Title = Field("title"),
                    Company = Field("company"),
                    EmployeeId = Field("employeeid"),
                    IsActive = isActive,
                };
                var groups = (Field("groups") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                people.Add(new ImportedPerson(checked((int)reader.LineNumber), entry, groups, error));
            }
        }
        catch (CsvFormatException ex)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The file cannot be read as CSV near line {ex.LineNumber}."), ex);
        }

        if (header is null)
            throw new FormatException("The CSV file is empty: the first line must name the columns (email, name, …).");
        return people;
    }

    /// <summary>
    /// LDIF entries with a mail attribute become people (inetOrgPerson names: mail, displayName or cn, uid,
    /// manager, ou or department, departmentNumber, title, o or company, employeeNumber or employeeID); entries
    /// without mail are skipped. memberOf values and groupOfNames entries in the file give group memberships by cn.
    /// </summary>
    private static List<ImportedPerson> ParseLdif(string content)
    {
        var entries = LdifEntries(content);
        var mailByDn = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, attributes) in entries)
        {
            if (First(attributes, "dn") is { } dn && First(attributes, "mail") is { } mail)
                mailByDn[Normalize(dn)] = mail.Trim().ToLowerInvariant();
        }

        var groupsOf = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, attributes) in entries)
        {
            if (First(attributes, "mail") is not null || First(attributes, "cn") is not { } cn)
                continue;
            foreach (var member in All(attributes, "member").Concat(All(attributes, "uniqueMember")))
            {
                if (mailByDn.TryGetValue(Normalize(member), out var memberMail))
                    (groupsOf.TryGetValue(memberMail, out var list) ? list : groupsOf[memberMail] = []).Add(cn);
            }
        }

        var people = new List<ImportedPerson>();
        foreach (var (line, attributes) in entries)
        {
            if (First(attributes, "mail") is not { } mail)
                continue;
            string? error = null;
            string? manager = null;
            if (First(attributes, "manager") is { } managerDn && !mailByDn.TryGetValue(Normalize(managerDn), out manager))
                error = $"The manager {managerDn} is not in the file (managers are matched by DN within the file).";
            var email = mail.Trim().ToLowerInvariant();
            var groups = All(attributes, "memberOf").Select(CnOf).OfType<string>()
                .Concat(groupsOf.GetValueOrDefault(email) ?? []).ToArray();
            var entry = new DirectoryEntry(email, First(attributes, "displayName") ?? First(attributes, "cn") ?? "")
            {
                Username = First(attributes, "uid") ?? First(attributes, "sAMAccountName"),
                ManagerEmail = manager,
                Department = First(attributes, "department") ?? First(attributes, "ou"),
                CostCenter = First(attributes, "departmentNumber"),
                Title = First(attributes, "title"),
                Company = First(attributes, "company") ?? First(attributes, "o"),
                EmployeeId = First(attributes, "employeeID") ?? First(attributes, "employeeNumber"),
                IsActive = First(attributes, "pwdAccountLockedTime") is null,
            };
            people.Add(new ImportedPerson(line, entry, groups, error));
        }

        return people;
    }

    /// <summary>Entries of an LDIF file: attribute lists with folded lines joined and base64 values decoded.</summary>
    private static List<(int Line, List<KeyValuePair<string, string>> Attributes)> LdifEntries(string content)
    {
        var entries = new List<(int, List<KeyValuePair<string, string>>)>();
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        List<KeyValuePair<string, string>>? current = null;
        var start = 0;
        string? pending = null;
        var pendingLine = 0;

        void Flush()
        {
            if (pending is null)
                return;
            var colon = pending.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new FormatException($"Line {pendingLine}: expected 'attribute: value'.");
            var name = pending[..colon].Trim();
            string value;
            if (colon + 1 < pending.Length && pending[colon + 1] == ':')
            {
                try
                {
                    value = Encoding.UTF8.GetString(Convert.FromBase64String(pending[(colon + 2)..].Trim()));
                }
                catch (FormatException)
                {
                    throw new FormatException($"Line {pendingLine}: the base64 value of {name} does not decode.");
                }
            }
            else if (colon + 1 < pending.Length && pending[colon + 1] == '<')
            {
                throw new FormatException($"Line {pendingLine}: values from URLs (attribute:< …) are not imported.");
            }
            else
            {
                value = pending[(colon + 1)..].TrimStart();
            }

            if (!name.Equals("version", StringComparison.OrdinalIgnoreCase) || current is not null)
            {
                if (current is null)
                {
                    current = [];
                    start = pendingLine;
                }

                current.Add(new(name, value));
            }

            pending = null;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i];
            if (text.StartsWith(' '))
            {
                if (pending is null)
                    throw new FormatException($"Line {i + 1}: a continuation line with nothing to continue.");
                pending += text[1..];
                continue;
            }

            Flush();
            if (text.StartsWith('#'))
                continue;
            if (text.Trim().Length == 0)
            {
                if (current is not null)
                    entries.Add((start, current));
                current = null;
                continue;
            }

            pending = text;
            pendingLine = i + 1;
        }

        Flush();
        if (current is not null)
            entries.Add((start, current));
        return entries;
    }

    private static string? First(List<KeyValuePair<string, string>> attributes, string name) =>
        attributes.FirstOrDefault(a => a.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } value ? value.Trim() : null;

    private static IEnumerable<string> All(List<KeyValuePair<string, string>> attributes, string name) =>
        attributes.Where(a => a.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(a => a.Value.Trim());

    private static string Normalize(string dn) => string.Join(",", dn.Split(',').Select(p => p.Trim())).ToLowerInvariant();

    private static string? CnOf(string dn)
    {
        var first = dn.Split(',')[0].Trim();
        return first.StartsWith("cn=", StringComparison.OrdinalIgnoreCase) ? first[3..].Trim() : null;
    }

    private sealed record ImportedPerson(int Line, DirectoryEntry Entry, string[] Groups, string? Error);
}
