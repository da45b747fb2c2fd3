using System.Diagnostics.Metrics;

namespace IpSolis.Server.Platform.Data;

/// <summary>
/// The <c>IpSolis.Database</c> meter: use of SQLite's single write lock (writers waiting, whether it is held, how
/// often it was taken and how long writers waited for it).
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
            () => sqlite ? [new Measurement<int>(writeGate.IsHeld ? 1 : 0)] : Array.Empty<Measurement<int>>(), "",
            "SQLite: 1 while a writer holds the single write lock.");
        meter.CreateObservableCounter("ipsolis.db.sqlite.write_gate.acquired",
            () => sqlite ? [new Measurement<long>(writeGate.Acquired)] : Array.Empty<Measurement<long>>(), "{transaction}",
            "SQLite: write transactions that took the single write lock.");
        meter.CreateObservableCounter("ipsolis.db.sqlite.write_gate.wait_time",
            () => sqlite ? [new Measurement<double>(writeGate.Waited.TotalSeconds)] : Array.Empty<Measurement<double>>(), "s",
            "SQLite: time writers spent waiting for the single write lock, summed; its rate over the acquired rate is the mean wait.");
    }
}
