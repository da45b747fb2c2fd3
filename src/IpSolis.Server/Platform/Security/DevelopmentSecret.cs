using System.Security.Cryptography;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Outside Production, a missing <c>API_SECRET_KEY</c> is replaced by a random one kept under the data directory,
/// so a demo or a developer's machine works with no set-up and keeps its sessions and signed links across restarts.
/// </summary>
internal static class DevelopmentSecret
{
    public const string FileName = "api-secret.key";

    /// <summary>Reads the secret under <paramref name="dataDirectory"/>, creating it first when absent.</summary>
    /// <returns>The secret, and whether this call created it (the host logs that once it has a logger).</returns>
    public static (string Secret, string Path, bool Created) LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= SecurityOptionsValidator.MinimumSecretLength)
                return (existing, path, false);
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, secret);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
        return (secret, path, true);
    }
}
