using System.Diagnostics.Metrics;

namespace IpSolis.Server.Platform.Data;

/// <summary>
/// The <c>IpSolis.Database</c> meter: use of SQLite's single write lock (writers waiting, whether it is held).
/// PostgreSQL's connection pool is reported by Npgsql's own meter (<c>db_client_connection*</c> figures).
/// </summary>
public sealed class DatabaseMetrics
{
    public const string MeterName = "IpSolis.Database";

    public DatabaseMetrics(IMeterFactory meters, SqliteWriteGate writeGate, DatabaseConnection connection)
    {
        var meter = meters.Create(MeterName);
        var sqlite = connection.IsSqlite;
        meter.CreateObservableGauge("ipsolis.db.sqlite.write_gate.waiting",
            () => sqlite ? [new Measurement<int>(writeGate.Waiting)] : Array.Empty<Measurement<int>>(), "{writer}",
            "SQLite: writers waiting for the single write lock.");
        meter.CreateObservableGauge("ipsolis.db.sqlite.write_gate.held",
            () => sqlite ? [new Measurement<int>(writeGate.Held ? 1 : 0)] : Array.Empty<Measurement<int>>(), "",
            "SQLite: 1 while a writer holds the single write lock.");
    }
}
