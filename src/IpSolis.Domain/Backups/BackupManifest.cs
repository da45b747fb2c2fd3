namespace IpSolis.Domain.Backups;

/// <summary>
/// What a backup says about itself (<c>manifest.json</c> in the archive): which build and schema made it, from which
/// database provider, when, and the checksum of every other part.
/// </summary>
/// <param name="FormatVersion">The archive layout; <see cref="CurrentFormat"/> for backups this build writes.</param>
/// <param name="ProductVersion">The ip·Solis version that wrote it.</param>
/// <param name="SchemaVersion">The last migration applied to the database when it was taken.</param>
/// <param name="Provider"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="CreatedAt">When it was taken (UTC).</param>
/// <param name="Trigger"><c>manual</c>, <c>scheduled</c> or <c>pre-restore</c>.</param>
public sealed record BackupManifest(
    int FormatVersion,
    string ProductVersion,
    string SchemaVersion,
    string Provider,
    DateTimeOffset CreatedAt,
    string Trigger,
    IReadOnlyList<BackupPart> Parts)
{
    public const int CurrentFormat = 1;

    /// <summary>The name of the manifest inside the archive.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The database part of a SQLite backup (a SQLite file made by the online backup API).</summary>
    public const string SqliteDatabasePart = "database.sqlite";

    /// <summary>The database part of a PostgreSQL backup (pg_dump custom format).</summary>
    public const string PostgresDatabasePart = "database.pgdump";

    /// <summary>The data-protection key ring, still sealed under API_SECRET_KEY.</summary>
    public const string KeyRingPart = "keyring.xml";

    public const string SqliteProvider = "sqlite";

    public const string PostgresProvider = "postgres";

    /// <summary>The part holding the database for <paramref name="provider"/>.</summary>
    public static string DatabasePartFor(string provider) => provider == PostgresProvider ? PostgresDatabasePart : SqliteDatabasePart;
}
