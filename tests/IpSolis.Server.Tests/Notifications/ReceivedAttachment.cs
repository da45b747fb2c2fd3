namespace IpSolis.Server.Tests.Notifications;

public sealed record ReceivedAttachment(string FileName, string ContentType, byte[] Content);
