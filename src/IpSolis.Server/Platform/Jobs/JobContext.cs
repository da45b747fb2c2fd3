using System.Text.Json;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>What a handler knows about the job it runs, and the unit of work its success commits with.</summary>
public sealed class JobContext : IAsyncDisposable
{
    private readonly IDbContextFactory<IpSolisDbContext>? _contexts;
    private IpSolisDbContext? _database;

    internal JobContext(Job job, string nodeId, IDbContextFactory<IpSolisDbContext>? contexts)
    {
        Id = job.Id;
        Kind = job.Kind;
        Queue = job.Queue;
        Attempt = job.Attempt;
        MaxAttempts = job.MaxAttempts;
        CreatedAt = job.CreatedAt;
        ScheduleName = job.ScheduleName;
        Payload = job.Payload;
        NodeId = nodeId;
        _contexts = contexts;
    }

    public long Id { get; }

    public string Kind { get; }

    public string Queue { get; }

    /// <summary>1 on the first attempt. A higher number means an earlier attempt failed or its node died mid-way.</summary>
    public int Attempt { get; }

    public int MaxAttempts { get; }

    public DateTimeOffset CreatedAt { get; }

    public string? ScheduleName { get; }

    /// <summary>The node running this attempt.</summary>
    public string NodeId { get; }

    public string Payload { get; }

    /// <summary>
    /// A unit of work that is saved in the same transaction that marks this job succeeded, only if this node still
    /// holds the job: changes added here happen exactly once even when the job runs twice. Do not call
    /// SaveChanges on it yourself.
    /// </summary>
    public IpSolisDbContext Database => _database ??= (_contexts ?? throw new InvalidOperationException("This job runs without a database.")).CreateDbContext();

    internal IpSolisDbContext? DatabaseIfUsed => _database;

    public T PayloadAs<T>() => JsonSerializer.Deserialize<T>(Payload, JobPayloads.Json)
        ?? throw new JsonException($"The payload of job {Id} ({Kind}) is null.");

    public ValueTask DisposeAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;
}
