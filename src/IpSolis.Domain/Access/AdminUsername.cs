namespace IpSolis.Domain.Access;

/// <summary>
/// An administrator's sign-in name: 3–128 characters of <c>a-z 0-9 . _ @ -</c>, kept in lower case so "Alice" and
/// "alice" are the same account.
/// </summary>
public static class AdminUsername
{
    public const int MinimumLength = 3;
    public const int MaximumLength = 128;

    /// <summary>The stored form of <paramref name="input"/>, or why it is not a valid name.</summary>
    public static Result<string> Normalize(string? input)
    {
        var name = (input ?? "").Trim().ToLowerInvariant();
        if (name.Length < MinimumLength || name.Length > MaximumLength)
            return new DomainError("username.length", $"The username must be {MinimumLength} to {MaximumLength} characters long.", "username");
        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c is '.' or '_' or '@' or '-'))
                return new DomainError("username.characters", "The username may contain only letters a–z, digits and . _ @ -", "username");
        }

        return Result<string>.Success(name);
    }
}
