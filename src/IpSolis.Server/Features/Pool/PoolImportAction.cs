namespace IpSolis.Server.Features.Pool;

/// <summary>What an import does with one CSV row (wire names <c>create</c>, <c>skip_existing</c>, <c>error</c>).</summary>
public enum PoolImportAction
{
    Create,

    /// <summary>An asset of that name is already in the pool: the row is left out, the asset untouched.</summary>
    SkipExisting,

    /// <summary>The row cannot be imported; <see cref="PoolImportRow.Reason"/> says why. Any error stops the real run.</summary>
    Error,
}
