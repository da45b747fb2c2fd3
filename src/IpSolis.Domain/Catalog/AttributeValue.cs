namespace IpSolis.Domain.Catalog;

/// <summary>A checked attribute value: exactly one of the typed forms is set, matching the attribute's type.</summary>
public sealed record AttributeValue
{
    private AttributeValue()
    {
    }

    public string? Text { get; private init; }

    public long? Number { get; private init; }

    public bool? Flag { get; private init; }

    public IReadOnlyList<string>? Choices { get; private init; }

    public static AttributeValue OfText(string text) => new() { Text = text };

    public static AttributeValue OfNumber(long number) => new() { Number = number };

    public static AttributeValue OfFlag(bool flag) => new() { Flag = flag };

    public static AttributeValue OfChoices(IReadOnlyList<string> choices) => new() { Choices = choices };

    /// <summary>The value as text, for conditions and display: lists joined by ", ", flags as true/false.</summary>
    public override string ToString() =>
        Text ?? Number?.ToString(System.Globalization.CultureInfo.InvariantCulture)
        ?? (Flag is { } f ? (f ? "true" : "false") : string.Join(", ", Choices ?? []));
}
