using System.DirectoryServices.Protocols;

namespace IpSolis.Server.Integrations.Ldap;

/// <summary>Sends one add, modify or delete and reads the expected refusals as an <see cref="LdapChange"/>; outages still throw.</summary>
internal static class LdapChanges
{
    public static LdapChange Send(LdapConnection connection, LdapConfiguration configuration, DirectoryRequest request)
    {
        try
        {
            connection.SendRequest(request, configuration.Timeout);
            return LdapChange.Done;
        }
        catch (DirectoryOperationException ex) when (Outcome(ex.Response?.ResultCode, request) is { } change)
        {
            return change;
        }
    }

    private static LdapChange? Outcome(ResultCode? code, DirectoryRequest request) => code switch
    {
        ResultCode.EntryAlreadyExists => LdapChange.Unchanged,
        // On a delete or modify the entry is gone; on an add its parent is.
        ResultCode.NoSuchObject => request is AddRequest ? LdapChange.NoParent : LdapChange.Missing,
        // A delete-old-value/add-new-value modify whose old value is no longer there.
        ResultCode.NoSuchAttribute => LdapChange.Conflict,
        ResultCode.InsufficientAccessRights or ResultCode.ObjectClassViolation or ResultCode.NamingViolation or ResultCode.NotAllowedOnNonLeaf
            or ResultCode.UnwillingToPerform or ResultCode.ConstraintViolation or ResultCode.UndefinedAttributeType or ResultCode.InvalidAttributeSyntax
            or ResultCode.InvalidDNSyntax or ResultCode.AttributeOrValueExists or ResultCode.NotAllowedOnRdn or ResultCode.ObjectClassModificationsProhibited => LdapChange.Refused,
        _ => null,
    };
}
