namespace IpSolis.Domain;

/// <summary>The outcome of a use case: a value, or the rule errors that stopped it.</summary>
public readonly record struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, IReadOnlyList<DomainError> errors)
    {
        _value = value;
        Errors = errors;
    }

    public IReadOnlyList<DomainError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public T Value => Succeeded
        ? _value!
        : throw new InvalidOperationException($"The result failed: {string.Join("; ", Errors.Select(e => e.Message))}");

    public static Result<T> Success(T value) => new(value, []);

    public static Result<T> Failure(params DomainError[] errors) =>
        errors.Length == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(default, errors);

    public static implicit operator Result<T>(DomainError error) => Failure(error);

    public static implicit operator Result<T>(T value) => Success(value);
}
