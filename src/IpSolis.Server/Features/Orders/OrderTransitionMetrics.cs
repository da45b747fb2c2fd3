using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using IpSolis.Domain;
using IpSolis.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// The <c>IpSolis.Orders</c> meter: order state transitions (<c>from</c>, <c>to</c>, <c>action</c>; a new order
/// comes <c>from="new"</c>). Status changes happen in many places (placement, approvals, the order run, the
/// lifecycle jobs), all through tracked entities, so an EF interceptor sees every one: it notes the changes when
/// they are saved and counts them once their transaction commits, so a rolled-back change is never counted.
/// </summary>
public sealed class OrderTransitionMetrics : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public const string MeterName = "IpSolis.Orders";
    public const string New = "new";

    private readonly Counter<long> _transitions;
    private readonly ConditionalWeakTable<DbContext, List<Transition>> _pending = new();

    public OrderTransitionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _transitions = meter.CreateCounter<long>("ipsolis.orders.transitions", "{transition}",
            "Order state transitions committed, by previous state (new for a placed order), new state and order action.");
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        CountUnlessInTransaction(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        CountUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Count(eventData.Context);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Count(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
            return;
        List<Transition>? noted = null;
        foreach (var entry in context.ChangeTracker.Entries<Order>())
        {
            Transition? transition = entry.State switch
            {
                EntityState.Added => new Transition(New, WireName<OrderStatus>.Of(entry.Entity.Status), WireName<OrderAction>.Of(entry.Entity.Action)),
                EntityState.Modified when entry.Property(o => o.Status) is { IsModified: true } status && !Equals(status.OriginalValue, status.CurrentValue) =>
                    new Transition(WireName<OrderStatus>.Of(status.OriginalValue), WireName<OrderStatus>.Of(status.CurrentValue), WireName<OrderAction>.Of(entry.Entity.Action)),
                _ => null,
            };
            if (transition is not null)
                (noted ??= []).Add(transition);
        }

        if (noted is null)
            return;
        lock (_pending)
        {
            if (_pending.TryGetValue(context, out var pending))
                pending.AddRange(noted);
            else
                _pending.Add(context, noted);
        }
    }

    private void CountUnlessInTransaction(DbContext? context)
    {
        // Auto-transactions (SaveChanges without an explicit one) have committed by now; an explicit one has not.
        if (context?.Database.CurrentTransaction is null)
            Count(context);
    }

    private void Count(DbContext? context)
    {
        if (context is null)
            return;
        List<Transition>? pending;
        lock (_pending)
        {
            if (!_pending.TryGetValue(context, out pending))
                return;
            _pending.Remove(context);
        }

        foreach (var transition in pending)
        {
            _transitions.Add(1,
                new KeyValuePair<string, object?>("from", transition.From),
                new KeyValuePair<string, object?>("to", transition.To),
                new KeyValuePair<string, object?>("action", transition.Action));
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is null)
            return;
        lock (_pending)
            _pending.Remove(context);
    }

    private sealed record Transition(string From, string To, string Action);
}
