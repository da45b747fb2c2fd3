using IpSolis.Server.Cli;

return await IpSolisCommands.InvokeAsync(args);

/// <summary>The entry point; also the anchor type integration tests host the server with.</summary>
public partial class Program;
