namespace IpSolis.Server.Features.Notifications;

/// <summary>One labelled value on a chat card.</summary>
public sealed record ChatFact(string Name, string Value);
