using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Catalog;

/// <summary>
/// Defines the catalog: create, change, clone, activate, deactivate and delete asset types. Every change is checked
/// by <see cref="AssetTypeRules"/>, limited to the caller's <see cref="AssetTypeScope"/> (an id outside it is
/// "not found"), guarded against lost updates by the type's version, and audited in the same transaction with the
/// type's strictest classification. A type that orders point at is never deleted, only deactivated, so history
/// stays whole.
/// </summary>
public sealed class AssetTypes(IDbContextFactory<IpSolisDbContext> contexts, AssetTypeScopes scopes, AssetTypeSnapshot snapshot, IAuditTrail audit, TimeProvider time)
{
    public const string EntityType = "asset_type";

    public static readonly DomainError NotFound = new("asset_type.not_found", "No such asset type.");

    public async Task<AssetType?> FindAsync(AssetTypeScope scope, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.Allows(id))
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AssetType>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    public async Task<AssetTypeList> ListAsync(AssetTypeScope scope, AssetTypeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(filter);
        var limit = Math.Clamp(filter.Limit, 1, AssetTypeFilter.MaximumLimit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<AssetType>().AsNoTracking();
        if (scope.Granted is { } granted)
        {
            var ids = granted.ToList();
            query = query.Where(t => ids.Contains(t.Id));
        }

        if (filter.Active is { } active)
            query = query.Where(t => t.IsActive == active);
        if (filter.Category is { } category)
            query = query.Where(t => t.Category == category);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim().ToLowerInvariant();
            query = query.Where(t => t.NormalizedName.Contains(search));
        }

        if (filter.After is { } after)
            query = query.Where(t => t.Id > after);
        var rows = await query.OrderBy(t => t.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return rows.Count > limit ? new AssetTypeList(rows[..limit], rows[limit - 1].Id) : new AssetTypeList(rows, null);
    }

    /// <summary>Every type in the scope by name, for pick lists (grants, filters): ids, names and the active flag only.</summary>
    public async Task<IReadOnlyList<AssetTypeChoice>> ChoicesAsync(AssetTypeScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = await snapshot.ChoicesAsync(db, cancellationToken);
        return scope.Granted is { } granted ? [.. all.Where(t => granted.Contains(t.Id))] : all;
    }

    /// <summary>The definition an existing type has, as the rules and the forms see it.</summary>
    public static AssetTypeDefinition DefinitionOf(AssetType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new AssetTypeDefinition
        {
            Name = type.Name,
            Description = type.Description,
            HelpText = type.HelpText,
            Category = type.Category,
            Icon = type.Icon,
            IsActive = type.IsActive,
            ShowOnDashboard = type.ShowOnDashboard,
            Attributes = type.Attributes,
            AssignmentModel = type.AssignmentModel,
            PoolCapacity = type.PoolCapacity,
            SharedAssetId = type.SharedAssetId,
            PersonalProvisioningStrategy = type.PersonalProvisioningStrategy,
            NamingPattern = type.NamingPattern,
            MaxPerUser = type.MaxPerUser,
            DefaultDurationDays = type.DefaultDurationDays,
            MaximumLifetimeDays = type.MaximumLifetimeDays,
            Renewable = type.Renewable,
            ReminderDays = type.ReminderDays,
            AutomationStrategy = type.AutomationStrategy,
            DeprovisionPolicy = type.DeprovisionPolicy,
            EligibleGroup = type.EligibleGroup,
            CollectJustification = type.CollectJustification,
            JustificationRequired = type.JustificationRequired,
            AllowRdpUsers = type.AllowRdpUsers,
            AllowAdminUsers = type.AllowAdminUsers,
            MonthlyCost = type.MonthlyCost,
            Currency = type.Currency,
            CostCenter = type.CostCenter,
            StepVisibility = type.StepVisibility,
            AccessUrl = type.AccessUrl,
            Approval = type.Approval,
            GroupTargets = type.GroupTargets,
        };
    }

    /// <summary>
    /// Creates a type. <paramref name="inputErrors"/> are problems found while reading the input (an unknown
    /// enumeration name, a number that is not one): they are reported together with the rule errors. An admin
    /// limited to some types is granted the new one, so it does not disappear from their own view.
    /// </summary>
    public async Task<Result<AssetType>> CreateAsync(
        AdminIdentity caller, AuditActor actor, AssetTypeDefinition definition, IReadOnlyList<DomainError>? inputErrors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var scope = await scopes.ForAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var valid = await ValidateAsync(db, null, definition, inputErrors, cancellationToken);
        if (!valid.Succeeded)
            return Result<AssetType>.Failure([.. valid.Errors]);

        var now = time.GetUtcNow();
        var type = new AssetType { Name = valid.Value.Name, CreatedAt = now, UpdatedAt = now, Version = 1 };
        Apply(type, valid.Value);
        return await AddAsync(db, caller, scope, actor, type, "asset_type.created", AssetTypeAudit.Snapshot(type), cancellationToken);
    }

    /// <summary>Replaces the whole definition, if nobody saved the type since <paramref name="expectedVersion"/> was read.</summary>
    public async Task<Result<AssetType>> UpdateAsync(
        AdminIdentity caller, AuditActor actor, long id, int? expectedVersion, AssetTypeDefinition definition, IReadOnlyList<DomainError>? inputErrors,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var scope = await scopes.ForAsync(caller, cancellationToken);
        if (!scope.Allows(id))
            return NotFound;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var type = await db.Set<AssetType>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (type is null)
            return NotFound;
        if (expectedVersion is null)
            return new DomainError("asset_type.version", "Send the version of the asset type you edited (from its last read).", "version");
        if (expectedVersion != type.Version)
            return Stale(type);

        var valid = await ValidateAsync(db, id, definition, inputErrors, cancellationToken);
        if (!valid.Succeeded)
            return Result<AssetType>.Failure([.. valid.Errors]);
        var before = AssetTypeAudit.Snapshot(type);
        Apply(type, valid.Value);
        type.UpdatedAt = time.GetUtcNow();
        type.Version++;
        var (old, changed) = AssetTypeAudit.Changes(before, AssetTypeAudit.Snapshot(type));
        audit.Record(db, actor, new AuditEvent("asset_type.updated", EntityType, Id(type.Id), old, changed, AssetTypeAudit.Classification(type)));
        return await SaveAsync(db, type, cancellationToken);
    }

    /// <summary>Copies a type under the name "&lt;name&gt; (copy)" (numbered when taken), inactive, so it can be
    /// adjusted before anyone orders it. A shared type's copy has no shared asset yet: that asset belongs to the original.</summary>
    public async Task<Result<AssetType>> CloneAsync(AdminIdentity caller, AuditActor actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var scope = await scopes.ForAsync(caller, cancellationToken);
        if (!scope.Allows(id))
            return NotFound;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var original = await db.Set<AssetType>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (original is null)
            return NotFound;

        var name = await FreeCopyNameAsync(db, original.Name, cancellationToken);
        var now = time.GetUtcNow();
        var copy = new AssetType { Name = name, CreatedAt = now, UpdatedAt = now, Version = 1 };
        Apply(copy, DefinitionOf(original) with { Name = name, IsActive = false, SharedAssetId = null });
        var values = AssetTypeAudit.Snapshot(copy);
        values["clonedFrom"] = original.Id;
        return await AddAsync(db, caller, scope, actor, copy, "asset_type.cloned", values, cancellationToken);
    }

    /// <summary>Shows the type in the catalog again (it must pass every rule, e.g. a shared type needs its asset) or hides it.</summary>
    public async Task<Result<AssetType>> SetActiveAsync(AdminIdentity caller, AuditActor actor, long id, bool active, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var scope = await scopes.ForAsync(caller, cancellationToken);
        if (!scope.Allows(id))
            return NotFound;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var type = await db.Set<AssetType>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (type is null)
            return NotFound;
        if (type.IsActive == active)
            return type;
        if (active)
        {
            var valid = await ValidateAsync(db, id, DefinitionOf(type) with { IsActive = true }, null, cancellationToken);
            if (!valid.Succeeded)
                return Result<AssetType>.Failure([.. valid.Errors]);
        }

        type.IsActive = active;
        type.UpdatedAt = time.GetUtcNow();
        type.Version++;
        audit.Record(db, actor, new AuditEvent(active ? "asset_type.activated" : "asset_type.deactivated", EntityType, Id(type.Id),
            new { isActive = !active }, new { isActive = active, version = type.Version }, AssetTypeAudit.Classification(type)));
        return await SaveAsync(db, type, cancellationToken);
    }

    /// <summary>Deletes a type nobody ever ordered and that has no pool assets; otherwise refuses: deactivate it instead.</summary>
    public async Task<Result<AssetType>> DeleteAsync(AdminIdentity caller, AuditActor actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var scope = await scopes.ForAsync(caller, cancellationToken);
        if (!scope.Allows(id))
            return NotFound;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var type = await db.Set<AssetType>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (type is null)
            return NotFound;
        if (await HasOrdersAsync(db, id, cancellationToken))
            return InUseByOrders(type);
        if (await HasPoolAssetsAsync(db, id, cancellationToken))
        {
            return new DomainError("asset_type.in_use",
                $"'{type.Name}' still has pool assets. Remove them in the pool first, or deactivate the type instead.");
        }

        db.Remove(type);
        audit.Record(db, actor, new AuditEvent("asset_type.deleted", EntityType, Id(type.Id), AssetTypeAudit.Snapshot(type), null, AssetTypeAudit.Classification(type)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // An order or a pool asset arrived between the check and the delete: the foreign key refused it.
            return InUseByOrders(type);
        }

        return type;
    }

    private async Task<Result<AssetTypeDefinition>> ValidateAsync(
        IpSolisDbContext db, long? id, AssetTypeDefinition definition, IReadOnlyList<DomainError>? inputErrors, CancellationToken cancellationToken)
    {
        var errors = new List<DomainError>(inputErrors ?? []);
        var unreadable = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        var checkedDefinition = AssetTypeRules.Check(definition);
        if (!checkedDefinition.Succeeded)
            errors.AddRange(checkedDefinition.Errors.Where(e => !unreadable.Contains(e.Field)));
        errors.AddRange(Domain.Approvals.ApprovalSetups.Validate(definition.Approval).Where(e => !unreadable.Contains(e.Field)));
        var groupTargets = Domain.AccessTargets.GroupTargetRules.Check(definition.GroupTargets);
        if (!groupTargets.Succeeded)
            errors.AddRange(groupTargets.Errors.Where(e => !unreadable.Contains(e.Field)));
        else if (groupTargets.Value.Count > 0 && definition.AutomationStrategy == AutomationStrategy.RunbookOnly && !unreadable.Contains("automationStrategy"))
            errors.Add(new DomainError("group_target.strategy", "Group targets run with the group_only or composite automation strategy, not runbook_only.", "groupTargets"));
        var icon = AssetTypeIcons.Check(definition.Icon);
        if (!icon.Succeeded && !unreadable.Contains(AssetTypeIcons.Field))
            errors.AddRange(icon.Errors);
        if (errors.Count > 0)
        {
            if (!unreadable.Contains("name") && !string.IsNullOrWhiteSpace(definition.Name) && await NameTakenAsync(db, id, definition.Name, cancellationToken))
                errors.Add(NameTaken(definition.Name.Trim()));
            return Result<AssetTypeDefinition>.Failure([.. errors]);
        }

        var valid = checkedDefinition.Value with { Icon = icon.Value, GroupTargets = groupTargets.Value };
        if (valid.SharedAssetId is { } sharedAssetId && (id is null || !await SharedAssetOfTypeAsync(db, sharedAssetId, id.Value, cancellationToken)))
        {
            return new DomainError("asset_type.shared_asset", id is null
                ? "A new type has no pool assets yet: save it without a shared asset (inactive), add the asset in the pool, then choose it."
                : $"There is no pool asset {sharedAssetId} of this type to share.", "sharedAssetId");
        }

        if (await NameTakenAsync(db, id, valid.Name, cancellationToken))
            return NameTaken(valid.Name);
        return valid;
    }

    private async Task<Result<AssetType>> AddAsync(
        IpSolisDbContext db, AdminIdentity caller, AssetTypeScope scope, AuditActor actor, AssetType type, string action, Dictionary<string, object?> values,
        CancellationToken cancellationToken)
    {
        // The new id is known only once the row is written; the audit row (and the grant) need it, so both saves
        // run in one transaction: either the type exists with its audit row, or neither does.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(type);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return NameTaken(type.Name);
        }

        if (!scope.IsEverything && caller.UserId is { } userId)
        {
            db.Add(new AdminUserGrant { AdminUserId = userId, AssetTypeId = type.Id, CreatedAt = type.CreatedAt, CreatedBy = actor.Id });
            values["grantedTo"] = userId;
        }

        audit.Record(db, actor, new AuditEvent(action, EntityType, Id(type.Id), null, values, AssetTypeAudit.Classification(type)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return type;
    }

    private static async Task<Result<AssetType>> SaveAsync(IpSolisDbContext db, AssetType type, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale(type);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return NameTaken(type.Name);
        }

        return type;
    }

    private static void Apply(AssetType type, AssetTypeDefinition definition)
    {
        type.Name = definition.Name;
        type.Description = definition.Description;
        type.HelpText = definition.HelpText;
        type.Category = definition.Category;
        type.Icon = definition.Icon;
        type.IsActive = definition.IsActive;
        type.ShowOnDashboard = definition.ShowOnDashboard;
        type.Attributes = definition.Attributes;
        type.AssignmentModel = definition.AssignmentModel;
        type.PoolCapacity = definition.PoolCapacity;
        type.SharedAssetId = definition.SharedAssetId;
        type.PersonalProvisioningStrategy = definition.PersonalProvisioningStrategy;
        type.NamingPattern = definition.NamingPattern;
        type.MaxPerUser = definition.MaxPerUser;
        type.DefaultDurationDays = definition.DefaultDurationDays;
        type.MaximumLifetimeDays = definition.MaximumLifetimeDays;
        type.Renewable = definition.Renewable;
        type.ReminderDays = definition.ReminderDays;
        type.AutomationStrategy = definition.AutomationStrategy;
        type.DeprovisionPolicy = definition.DeprovisionPolicy;
        type.EligibleGroup = definition.EligibleGroup;
        type.CollectJustification = definition.CollectJustification;
        type.JustificationRequired = definition.JustificationRequired;
        type.AllowRdpUsers = definition.AllowRdpUsers;
        type.AllowAdminUsers = definition.AllowAdminUsers;
        type.MonthlyCost = definition.MonthlyCost;
        type.Currency = definition.Currency;
        type.CostCenter = definition.CostCenter;
        type.StepVisibility = definition.StepVisibility;
        type.AccessUrl = definition.AccessUrl;
        type.Approval = definition.Approval;
        type.GroupTargets = definition.GroupTargets;
    }

    private static async Task<bool> NameTakenAsync(IpSolisDbContext db, long? id, string name, CancellationToken cancellationToken)
    {
        var normalized = name.Trim().ToLowerInvariant();
        return await db.Set<AssetType>().AnyAsync(t => t.NormalizedName == normalized && t.Id != id, cancellationToken);
    }

    private static async Task<string> FreeCopyNameAsync(IpSolisDbContext db, string name, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            var suffix = number == 1 ? " (copy)" : $" (copy {number.ToString(CultureInfo.InvariantCulture)})";
            var stem = name.Length + suffix.Length > AssetTypeRules.MaximumNameLength ? name[..(AssetTypeRules.MaximumNameLength - suffix.Length)].TrimEnd() : name;
            var candidate = stem + suffix;
            if (!await NameTakenAsync(db, null, candidate, cancellationToken))
                return candidate;
        }
    }

    /// <summary>
    /// Whether any order (of any status, any action) points at the type. The one place the catalog reads the orders
    /// table: a deliberate exception to "features talk through services", because the check must run on the same
    /// context right before the delete and the orders feature's foreign key backs it up anyway.
    /// </summary>
    private static Task<bool> HasOrdersAsync(IpSolisDbContext db, long assetTypeId, CancellationToken cancellationToken) =>
        db.Set<Orders.Order>().AnyAsync(o => o.AssetTypeId == assetTypeId, cancellationToken);

    /// <summary>Whether the pool holds assets of the type (same deliberate exception as <see cref="HasOrdersAsync"/>).</summary>
    private static Task<bool> HasPoolAssetsAsync(IpSolisDbContext db, long assetTypeId, CancellationToken cancellationToken) =>
        db.Set<Pool.PoolAsset>().AnyAsync(a => a.AssetTypeId == assetTypeId, cancellationToken);

    /// <summary>Whether <paramref name="assetId"/> is a pool asset of the type (same deliberate exception).</summary>
    private static Task<bool> SharedAssetOfTypeAsync(IpSolisDbContext db, long assetId, long assetTypeId, CancellationToken cancellationToken) =>
        db.Set<Pool.PoolAsset>().AnyAsync(a => a.Id == assetId && a.AssetTypeId == assetTypeId, cancellationToken);

    private static DomainError NameTaken(string name) =>
        new("asset_type.name_taken", $"Another asset type is already called '{name}' (names are compared without regard to case).", "name");

    private static DomainError Stale(AssetType type) =>
        new("asset_type.stale", $"'{type.Name}' was changed by someone else meanwhile (now version {type.Version}). Reload it and make your change again.", "version");

    private static DomainError InUseByOrders(AssetType type) =>
        new("asset_type.in_use", $"'{type.Name}' has orders, and deleting it would destroy their history. Deactivate it instead: it disappears from the catalog and its orders stay.");

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
