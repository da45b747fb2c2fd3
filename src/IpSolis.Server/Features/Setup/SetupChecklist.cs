namespace IpSolis.Server.Features.Setup;

/// <summary>Evaluates every registered checklist item (essential first, then by their order).</summary>
public sealed class SetupChecklist(IEnumerable<SetupChecklistItem> items)
{
    private readonly IReadOnlyList<SetupChecklistItem> _items =
        [.. items.DistinctBy(i => i.Key).OrderBy(i => i.Tier).ThenBy(i => i.Order).ThenBy(i => i.Key, StringComparer.Ordinal)];

    public async Task<SetupChecklistState> EvaluateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var steps = new List<SetupChecklistStep>(_items.Count);
        foreach (var item in _items)
        {
            var done = await item.IsDoneAsync(services, cancellationToken);
            steps.Add(new(item.Key, item.Label, item.Tier, item.Link, item.Hint, done));
        }

        return new(steps);
    }
}
