namespace IpSolis.Migrations.Sqlite;

/// <summary>
/// Stands in for the DbContext in this assembly's <c>[DbContext]</c> attributes. The server's migrations assembly
/// service matches migrations by this marker, so this project needs no reference to the server.
/// </summary>
public sealed class SqliteMigrations;
