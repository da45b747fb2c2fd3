namespace IpSolis.Domain.Orders;

/// <summary>The justification a requester gives: kept only when the type collects it, required when it says so.</summary>
public static class OrderJustification
{
    public const int MaxLength = 4000;

    /// <summary>The justification to store (trimmed; null when not collected or empty), or why it is refused.</summary>
    public static Result<string?> Check(bool collect, bool required, string? text)
    {
        if (!collect)
            return Result<string?>.Success(null);
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return required
                ? new DomainError("order.justification_required", "Say why you need this: a justification is required for this type.", "justification")
                : Result<string?>.Success(null);
        }

        if (trimmed.Length > MaxLength)
            return new DomainError("order.justification_too_long", $"The justification can be at most {MaxLength} characters long.", "justification");
        return Result<string?>.Success(trimmed);
    }
}
