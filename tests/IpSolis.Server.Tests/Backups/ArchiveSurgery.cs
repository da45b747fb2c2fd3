using System.Formats.Tar;

namespace IpSolis.Server.Tests.Backups;

/// <summary>Rewrites an unencrypted backup archive entry by entry: how the tests forge a newer schema or damage a part.</summary>
public static class ArchiveSurgery
{
    public static async Task RewriteAsync(string source, string target, Func<string, byte[], byte[]> change)
    {
        var entries = new List<(string Name, byte[] Data)>();
        await using (var input = File.OpenRead(source))
        await using (var reader = new TarReader(input))
        {
            while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
            {
                using var data = new MemoryStream();
                await entry.DataStream!.CopyToAsync(data);
                entries.Add((entry.Name, data.ToArray()));
            }
        }

        await using var output = File.Create(target);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: false);
        foreach (var (name, data) in entries)
        {
            var changed = change(name, data);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(changed) });
        }
    }

    /// <summary>Flips one byte in the middle of a file (an encrypted archive, say).</summary>
    public static async Task FlipByteAsync(string file)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x5A;
        await File.WriteAllBytesAsync(file, bytes);
    }
}
