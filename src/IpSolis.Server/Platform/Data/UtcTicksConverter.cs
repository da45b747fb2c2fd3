using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IpSolis.Server.Platform.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks on SQLite, so ordering and comparison work in SQL.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
