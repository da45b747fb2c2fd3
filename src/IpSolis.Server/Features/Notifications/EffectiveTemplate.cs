namespace IpSolis.Server.Features.Notifications;

/// <summary>A template as it applies now: the operator's edit (<paramref name="Edited"/>) or the built-in text.</summary>
public sealed record EffectiveTemplate(TemplateDefinition Definition, string Culture, TemplateText Text, bool IsActive, NotificationTemplate? Edited)
{
    public bool IsEdited => Edited is not null;
}
