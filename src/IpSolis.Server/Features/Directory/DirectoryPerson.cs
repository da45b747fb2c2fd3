namespace IpSolis.Server.Features.Directory;

/// <summary>A person in the local directory, the embedded default when no LDAP directory is configured.</summary>
public sealed class DirectoryPerson
{
    public long Id { get; set; }

    /// <summary>Lower case; unique.</summary>
    public required string Email { get; set; }

    /// <summary>Short sign-in name (like a sAMAccountName), lower case; unique when set.</summary>
    public string? Username { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>The manager's email (lower case), or null.</summary>
    public string? ManagerEmail { get; set; }

    public string? Department { get; set; }

    public string? CostCenter { get; set; }

    public string? Title { get; set; }

    public string? Company { get; set; }

    public string? EmployeeId { get; set; }

    /// <summary>Inactive people cannot sign in or order.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>For portal sign-in with the local directory; same hashing as admin passwords. Null: cannot sign in.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Consecutive failed portal sign-ins; reset by a successful one.</summary>
    public int FailedSignInCount { get; set; }

    /// <summary>When too many failed sign-ins locked the person out (unlocks by itself, as admin accounts do).</summary>
    public DateTimeOffset? LockedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Takes every detail of a checked entry (the email, the identity, stays as it is).</summary>
    public void TakeDetails(DirectoryEntry clean, DateTimeOffset now)
    {
        DisplayName = clean.DisplayName;
        Username = clean.Username;
        ManagerEmail = clean.ManagerEmail;
        Department = clean.Department;
        CostCenter = clean.CostCenter;
        Title = clean.Title;
        Company = clean.Company;
        EmployeeId = clean.EmployeeId;
        IsActive = clean.IsActive;
        UpdatedAt = now;
    }
}
