using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// The hash that links an audit row into the chain: SHA-256 over the previous row's hash and every field of the
/// row, each field length-prefixed (so no two different rows encode to the same bytes) and the time as UTC
/// microseconds (the precision both databases keep). The database id is left out: it is storage, not content.
/// </summary>
public static class AuditRowHash
{
    private const int NullMarker = -1;

    public static string Compute(AuditEntry entry, string previousHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, "ipsolis-audit-v1");
        Append(hash, previousHash);
        Append(hash, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Append(hash, Microseconds(entry.OccurredAt).ToString(CultureInfo.InvariantCulture));
        Append(hash, entry.Actor);
        Append(hash, entry.Action);
        Append(hash, entry.EntityType);
        Append(hash, entry.EntityId);
        Append(hash, entry.OldValues);
        Append(hash, entry.NewValues);
        Append(hash, entry.Classification);
        Append(hash, entry.ClientIp);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Drops what PostgreSQL would drop on the way in (below a microsecond), so the hash survives the round trip.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }

    private static long Microseconds(DateTimeOffset time) => time.UtcTicks / 10;

    private static void Append(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, NullMarker);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
