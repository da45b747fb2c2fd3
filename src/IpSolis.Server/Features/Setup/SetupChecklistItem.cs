namespace IpSolis.Server.Features.Setup;

/// <summary>
/// One step of the setup checklist: what to do, where to do it, and how to tell it is done. Features add theirs
/// with <c>services.AddSetupChecklistItem(...)</c>; <paramref name="IsDoneAsync"/> gets the request's services.
/// </summary>
public sealed record SetupChecklistItem(
    string Key,
    string Label,
    SetupTier Tier,
    string Link,
    string Hint,
    Func<IServiceProvider, CancellationToken, Task<bool>> IsDoneAsync,
    int Order = 100);
