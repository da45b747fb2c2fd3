namespace IpSolis.Server.Features.Directory;

public enum DirectoryImportAction
{
    Add,
    Update,
    Unchanged,
    Error,
}
