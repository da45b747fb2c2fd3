namespace IpSolis.Server.Features.Setup;

/// <summary>The whole checklist now: every step and how far each tier is.</summary>
public sealed record SetupChecklistState(IReadOnlyList<SetupChecklistStep> Steps)
{
    public int EssentialDone => Steps.Count(s => s.Tier == SetupTier.Essential && s.Done);

    public int EssentialTotal => Steps.Count(s => s.Tier == SetupTier.Essential);

    public int RecommendedDone => Steps.Count(s => s.Tier == SetupTier.Recommended && s.Done);

    public int RecommendedTotal => Steps.Count(s => s.Tier == SetupTier.Recommended);

    public bool Complete => Steps.All(s => s.Done);
}
