namespace IpSolis.Server.Features.Directory;

/// <summary>A person as a directory knows them. Emails are lower case.</summary>
public sealed record DirectoryEntry(string Email, string DisplayName)
{
    public string? Username { get; init; }

    public string? ManagerEmail { get; init; }

    public string? Department { get; init; }

    public string? CostCenter { get; init; }

    public string? Title { get; init; }

    public string? Company { get; init; }

    public string? EmployeeId { get; init; }

    public bool IsActive { get; init; } = true;
}
