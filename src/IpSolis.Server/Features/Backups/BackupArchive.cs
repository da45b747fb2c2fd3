using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using IpSolis.Domain;
using IpSolis.Domain.Backups;

namespace IpSolis.Server.Features.Backups;

/// <summary>
/// One backup = one file: a tar archive of <c>manifest.json</c> and the parts it lists, optionally encrypted whole
/// with <see cref="BackupCipher"/>. Written to <c>NAME.part</c> and renamed when complete, so a half-written backup
/// never looks like a backup.
/// </summary>
public static class BackupArchive
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The size and SHA-256 of a part file.</summary>
    public static async Task<BackupPart> DescribeAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new BackupPart(Path.GetFileName(file), stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>Writes the manifest and the part files of <paramref name="workDirectory"/> into <paramref name="target"/>.</summary>
    public static async Task WriteAsync(string workDirectory, BackupManifest manifest, string target, string? passphrase, CancellationToken cancellationToken)
    {
        var manifestFile = Path.Combine(workDirectory, BackupManifest.FileName);
        await File.WriteAllBytesAsync(manifestFile, JsonSerializer.SerializeToUtf8Bytes(manifest, Json), cancellationToken);
        var partial = target + ".part";
        var tar = passphrase is null ? partial : Path.Combine(workDirectory, "archive.tar");
        try
        {
            await using (var output = new FileStream(tar, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: false))
            {
                await writer.WriteEntryAsync(manifestFile, BackupManifest.FileName, cancellationToken);
                foreach (var part in manifest.Parts)
                    await writer.WriteEntryAsync(Path.Combine(workDirectory, part.Name), part.Name, cancellationToken);
            }

            if (passphrase is not null)
            {
                await using var plain = File.OpenRead(tar);
                await using var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await BackupCipher.EncryptAsync(plain, output, passphrase, cancellationToken);
            }

            File.Move(partial, target);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Decrypts (when needed) and unpacks <paramref name="archive"/> into <paramref name="workDirectory"/>,
    /// then checks the manifest and every part's checksum. Nothing outside the work directory is touched.</summary>
    public static async Task<Result<BackupManifest>> OpenAsync(string archive, string? passphrase, string workDirectory, CancellationToken cancellationToken)
    {
        if (!File.Exists(archive))
            return new DomainError("backup.not_found", $"There is no backup file {archive}.", "file");

        var tar = archive;
        if (BackupCipher.IsEncrypted(archive))
        {
            if (string.IsNullOrEmpty(passphrase))
                return new DomainError("backup.passphrase_required", "The backup is encrypted: give its passphrase.", "passphrase");
            tar = Path.Combine(workDirectory, "archive.tar");
            BackupCipherOutcome outcome;
            await using (var input = File.OpenRead(archive))
            await using (var output = new FileStream(tar, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                outcome = await BackupCipher.DecryptAsync(input, output, passphrase, cancellationToken);
            if (outcome == BackupCipherOutcome.WrongPassphrase)
                return new DomainError("backup.passphrase_wrong", "The passphrase is wrong: the backup cannot be decrypted with it.", "passphrase");
            if (outcome == BackupCipherOutcome.Damaged)
                return new DomainError("backup.corrupted", "The encrypted backup is damaged or was altered (authentication failed): it cannot be restored.");
        }

        var found = new List<BackupPart>();
        try
        {
            await using var input = File.OpenRead(tar);
            await using var reader = new TarReader(input);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                var name = entry.Name;
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    || name.Length == 0 || name != Path.GetFileName(name) || name is "." or ".." || name == "archive.tar"
                    || found.Any(p => p.Name == name))
                {
                    return new DomainError("backup.part_unexpected", $"The backup holds an entry '{name}' that no ip·Solis backup has: it was altered.");
                }

                var path = Path.Combine(workDirectory, name);
                await entry.ExtractToFileAsync(path, overwrite: false, cancellationToken);
                if (name != BackupManifest.FileName)
                    found.Add(await DescribeAsync(path, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            return new DomainError("backup.corrupted", "The backup file is damaged: it is not a complete archive.");
        }
        finally
        {
            if (!ReferenceEquals(tar, archive))
                File.Delete(tar);
        }

        BackupManifest? manifest = null;
        var manifestPath = Path.Combine(workDirectory, BackupManifest.FileName);
        if (File.Exists(manifestPath))
        {
            try
            {
                manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllBytesAsync(manifestPath, cancellationToken), Json);
            }
            catch (JsonException)
            {
                manifest = null;
            }
        }

        var valid = BackupRules.Validate(manifest);
        return valid.Succeeded ? BackupRules.VerifyParts(valid.Value, found) : valid;
    }

    /// <summary>The manifest of an unencrypted backup, read without unpacking the rest; null for an encrypted or
    /// unreadable one.</summary>
    public static async Task<BackupManifest?> PeekManifestAsync(string archive, CancellationToken cancellationToken)
    {
        try
        {
            if (BackupCipher.IsEncrypted(archive))
                return null;
            await using var input = File.OpenRead(archive);
            await using var reader = new TarReader(input);
            var entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken);
            if (entry?.Name != BackupManifest.FileName || entry.DataStream is null)
                return null;
            return await JsonSerializer.DeserializeAsync<BackupManifest>(entry.DataStream, Json, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
