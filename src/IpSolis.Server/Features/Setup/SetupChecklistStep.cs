namespace IpSolis.Server.Features.Setup;

/// <summary>A checklist item as evaluated now.</summary>
public sealed record SetupChecklistStep(string Key, string Label, SetupTier Tier, string Link, string Hint, bool Done);
