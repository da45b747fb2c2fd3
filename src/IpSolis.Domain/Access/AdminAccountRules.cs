namespace IpSolis.Domain.Access;

/// <summary>
/// Changes to administrator accounts that would lock the installation out: nobody demotes, deactivates or deletes
/// themselves, and the last active superadmin cannot be demoted, deactivated or deleted.
/// </summary>
public static class AdminAccountRules
{
    /// <summary>Checks a change of role and/or active flag of <paramref name="target"/> made by <paramref name="actorUserId"/>.</summary>
    /// <param name="actorUserId">The acting administrator's id; null for the legacy key or a job.</param>
    /// <param name="activeSuperadmins">How many active superadmins exist now, the target included.</param>
    public static DomainError? CheckChange(long? actorUserId, AdminAccount target, AdminRole newRole, bool newActive, int activeSuperadmins)
    {
        var demoted = newRole < target.Role;
        var deactivated = target.IsActive && !newActive;
        if (!demoted && !deactivated)
            return null;
        if (actorUserId == target.Id)
            return demoted
                ? new DomainError("admin_user.self_demotion", "You cannot lower your own role.", "role")
                : new DomainError("admin_user.self_deactivation", "You cannot deactivate your own account.", "isActive");
        if (IsLastSuperadmin(target, activeSuperadmins) && (newRole != AdminRole.Superadmin || !newActive))
            return new DomainError("admin_user.last_superadmin", "This is the last active superadmin: make another account superadmin first.", demoted ? "role" : "isActive");
        return null;
    }

    /// <summary>Checks deleting <paramref name="target"/>.</summary>
    public static DomainError? CheckDelete(long? actorUserId, AdminAccount target, int activeSuperadmins)
    {
        if (actorUserId == target.Id)
            return new DomainError("admin_user.self_deletion", "You cannot delete your own account.");
        if (IsLastSuperadmin(target, activeSuperadmins))
            return new DomainError("admin_user.last_superadmin", "This is the last active superadmin: make another account superadmin first.");
        return null;
    }

    private static bool IsLastSuperadmin(AdminAccount target, int activeSuperadmins) =>
        target.Role == AdminRole.Superadmin && target.IsActive && activeSuperadmins <= 1;
}
