namespace IpSolis.Server.Features.Backups;

/// <summary>Where backups go and what takes them (<c>IPSOLIS_Backups__*</c>). The schedule and retention are
/// runtime settings (<see cref="BackupSettings"/>).</summary>
public sealed class BackupOptions
{
    public const string Section = "Backups";

    /// <summary>The backup directory; blank for <c>backups</c> under <c>Server:DataDirectory</c>. Several nodes
    /// share it when it is a shared volume.</summary>
    public string? Directory { get; set; }

    /// <summary>The directory holding <c>pg_dump</c> and <c>pg_restore</c>; blank to find them on PATH. Their major
    /// version must be at least the server's.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>How long a restore waits after turning maintenance mode on before it starts, so every node has seen
    /// the switch (settings are cached for 5 seconds) and requests already running finish.</summary>
    public int DrainSeconds { get; set; } = 8;
}
