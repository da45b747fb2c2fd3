using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace IpSolis.Server.Features.Backups;

/// <summary>
/// Passphrase encryption of a backup archive: AES-256-GCM in 1 MiB chunks under a key derived with
/// PBKDF2-HMAC-SHA256 (600,000 iterations, random salt). Each chunk's nonce carries its index and the header and a
/// last-chunk flag are authenticated with it, so chunks cannot be reordered, dropped or cut off unnoticed. A check
/// value derived from the key tells a wrong passphrase apart from a damaged file. The passphrase is never stored.
/// </summary>
/// <remarks>Layout: magic "IPSBAKE1" | iterations (int32 BE) | salt (16) | nonce prefix (8) | key check (32), then
/// chunks of plain length (int32 BE) | ciphertext | tag (16), the last one flagged in its associated data.</remarks>
public static class BackupCipher
{
    public const int Iterations = 600_000;

    private const int ChunkSize = 1024 * 1024;
    private const int SaltBytes = 16;
    private const int NoncePrefixBytes = 8;
    private const int CheckBytes = 32;
    private const int TagBytes = 16;
    private static readonly byte[] Magic = "IPSBAKE1"u8.ToArray();
    private static readonly int HeaderBytes = Magic.Length + 4 + SaltBytes + NoncePrefixBytes + CheckBytes;

    /// <summary>Whether <paramref name="path"/> starts like an encrypted backup.</summary>
    public static bool IsEncrypted(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[8];
        return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(Magic);
    }

    public static async Task EncryptAsync(Stream plain, Stream output, string passphrase, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderBytes];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(Magic.Length), Iterations);
        RandomNumberGenerator.Fill(header.AsSpan(Magic.Length + 4, SaltBytes + NoncePrefixBytes));
        var key = DeriveKey(passphrase, header.AsSpan(Magic.Length + 4, SaltBytes).ToArray(), Iterations);
        Check(key).CopyTo(header, Magic.Length + 4 + SaltBytes + NoncePrefixBytes);
        await output.WriteAsync(header, cancellationToken);

        using var aes = new AesGcm(key, TagBytes);
        var buffer = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        var cipher = new byte[ChunkSize];
        var tag = new byte[TagBytes];
        var length = await plain.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, cancellationToken);
        for (uint index = 0; ; index++)
        {
            // Read one chunk ahead: only then is it known whether this chunk is the last.
            var nextLength = length == ChunkSize ? await plain.ReadAtLeastAsync(next, ChunkSize, throwOnEndOfStream: false, cancellationToken) : 0;
            var last = nextLength == 0;
            aes.Encrypt(Nonce(header, index), buffer.AsSpan(0, length), cipher.AsSpan(0, length), tag, Associated(header, last));
            var prefix = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(prefix, length);
            await output.WriteAsync(prefix, cancellationToken);
            await output.WriteAsync(cipher.AsMemory(0, length), cancellationToken);
            await output.WriteAsync(tag, cancellationToken);
            if (last)
                return;
            (buffer, next) = (next, buffer);
            length = nextLength;
        }
    }

    /// <summary>Decrypts into <paramref name="output"/>; a wrong passphrase or any damage is a typed failure.</summary>
    public static async Task<BackupCipherOutcome> DecryptAsync(Stream input, Stream output, string passphrase, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderBytes];
        if (await input.ReadAtLeastAsync(header, HeaderBytes, throwOnEndOfStream: false, cancellationToken) < HeaderBytes
            || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            return BackupCipherOutcome.Damaged;
        var iterations = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(Magic.Length));
        if (iterations is < 100_000 or > 10_000_000)
            return BackupCipherOutcome.Damaged;
        var key = DeriveKey(passphrase, header.AsSpan(Magic.Length + 4, SaltBytes).ToArray(), iterations);
        if (!CryptographicOperations.FixedTimeEquals(Check(key), header.AsSpan(Magic.Length + 4 + SaltBytes + NoncePrefixBytes, CheckBytes)))
            return BackupCipherOutcome.WrongPassphrase;

        using var aes = new AesGcm(key, TagBytes);
        var cipher = new byte[ChunkSize];
        var plain = new byte[ChunkSize];
        var tag = new byte[TagBytes];
        var prefix = new byte[4];
        for (uint index = 0; ; index++)
        {
            if (await input.ReadAtLeastAsync(prefix, 4, throwOnEndOfStream: false, cancellationToken) < 4)
                return BackupCipherOutcome.Damaged; // cut off before the last chunk
            var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
            if (length is < 0 or > ChunkSize
                || await input.ReadAtLeastAsync(cipher.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken) < length
                || await input.ReadAtLeastAsync(tag, TagBytes, throwOnEndOfStream: false, cancellationToken) < TagBytes)
                return BackupCipherOutcome.Damaged;

            // Try as a middle chunk, then as the last one: the flag is authenticated, not stored.
            var last = false;
            try
            {
                aes.Decrypt(Nonce(header, index), cipher.AsSpan(0, length), tag, plain.AsSpan(0, length), Associated(header, false));
            }
            catch (AuthenticationTagMismatchException)
            {
                try
                {
                    aes.Decrypt(Nonce(header, index), cipher.AsSpan(0, length), tag, plain.AsSpan(0, length), Associated(header, true));
                    last = true;
                }
                catch (AuthenticationTagMismatchException)
                {
                    return BackupCipherOutcome.Damaged;
                }
            }

            await output.WriteAsync(plain.AsMemory(0, length), cancellationToken);
            if (last)
                return input.ReadByte() == -1 ? BackupCipherOutcome.Ok : BackupCipherOutcome.Damaged;
        }
    }

    private static byte[] DeriveKey(string passphrase, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, 32);

    private static byte[] Check(byte[] key) => HMACSHA256.HashData(key, "ipsolis backup passphrase check v1"u8);

    private static byte[] Nonce(byte[] header, uint index)
    {
        var nonce = new byte[12];
        header.AsSpan(Magic.Length + 4 + SaltBytes, NoncePrefixBytes).CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(NoncePrefixBytes), index);
        return nonce;
    }

    private static byte[] Associated(byte[] header, bool last)
    {
        var data = new byte[header.Length + 1];
        header.CopyTo(data, 0);
        data[^1] = last ? (byte)1 : (byte)0;
        return data;
    }
}

/// <summary>How a decryption ended.</summary>
public enum BackupCipherOutcome
{
    Ok,
    WrongPassphrase,
    Damaged,
}
