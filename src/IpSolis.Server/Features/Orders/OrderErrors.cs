using IpSolis.Domain;

namespace IpSolis.Server.Features.Orders;

/// <summary>Errors of placing and running orders, with the codes the API and the forms know.</summary>
public static class OrderErrors
{
    public static DomainError AssetTypeNotFound(long id) =>
        new("order.asset_type_not_found", $"Asset type {id} does not exist.", "assetTypeId");

    public static DomainError AssetTypeInactive(string name) =>
        new("order.asset_type_inactive", $"{name} is no longer offered and cannot be ordered.", "assetTypeId");

    public static DomainError NotEligible(string email, string typeName) =>
        new(NotEligibleCode, $"{email} may not order {typeName}: it is offered to members of a directory group only.", "requesterEmail");

    public static DomainError DirectoryUnavailable(string detail) =>
        new(DirectoryUnavailableCode, $"The directory could not confirm who may order this, so nothing was ordered. Try again later. ({detail})", "requesterEmail");

    public static DomainError RequesterInactive(string email) =>
        new("order.requester_inactive", $"{email} is inactive in the directory and cannot order.", "requesterEmail");

    public static DomainError NoneAvailable(string typeName) =>
        new("order.none_available", $"No {typeName} is free right now. Try again when one is returned.", "assetTypeId");

    public static DomainError NoSharedAsset(string typeName) =>
        new("order.none_available", $"{typeName} has no shared asset set up yet; ask an administrator.", "assetTypeId");

    public static DomainError TypeChanged(string typeName) =>
        new("order.stale", $"{typeName} was changed while the order was placed. Check the form and order again.", "assetTypeId");

    /// <summary>A requester outside the type's eligible group: answered 403.</summary>
    public const string NotEligibleCode = "order.not_eligible";

    /// <summary>The directory could not answer: answered 503.</summary>
    public const string DirectoryUnavailableCode = "order.directory_unavailable";
}
