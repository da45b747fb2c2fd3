namespace IpSolis.Domain.Backups;

/// <summary>How a backup's schema relates to the migrations this build knows.</summary>
public enum SchemaComparison
{
    /// <summary>The backup ends at this build's last migration.</summary>
    Same,

    /// <summary>The backup ends at an earlier migration of this build: restore, then migrate.</summary>
    Older,

    /// <summary>The backup was made by a newer build (its migration sorts after every one this build knows).</summary>
    Newer,

    /// <summary>The backup's migration is not one of this build's and is not newer: another product line.</summary>
    Unknown,
}
