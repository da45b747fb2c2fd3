using System.Diagnostics.CodeAnalysis;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>Every registered <see cref="JobKind"/>, by name.</summary>
public sealed class JobKinds
{
    private readonly Dictionary<string, JobKind> _byName;

    public JobKinds(IEnumerable<JobKind> kinds)
    {
        _byName = new Dictionary<string, JobKind>(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            if (!_byName.TryAdd(kind.Name, kind))
                throw new InvalidOperationException($"The job kind '{kind.Name}' is registered twice.");
        }
    }

    public IEnumerable<string> Names => _byName.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, [NotNullWhen(true)] out JobKind? kind) => _byName.TryGetValue(name, out kind);

    public JobKind Get(string name) => TryGet(name, out var kind)
        ? kind
        : throw new ArgumentException($"'{name}' is not a registered job kind; register it with AddJobKind.", nameof(name));
}
