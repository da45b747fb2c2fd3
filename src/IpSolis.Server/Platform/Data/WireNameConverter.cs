using IpSolis.Domain;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IpSolis.Server.Platform.Data;

/// <summary>Stores an enum as its snake_case wire name (<see cref="WireName{TEnum}"/>), so the database reads like the API.</summary>
public sealed class WireNameConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => WireName<TEnum>.Of(value),
    text => WireName<TEnum>.Parse(text))
    where TEnum : struct, Enum;
