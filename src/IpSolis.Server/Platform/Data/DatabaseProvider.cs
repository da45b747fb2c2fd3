namespace IpSolis.Server.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
