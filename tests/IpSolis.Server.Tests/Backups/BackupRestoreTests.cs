using System.Net;
using System.Text;
using System.Text.Json;
using IpSolis.Domain.Backups;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Backups;
using IpSolis.Server.Features.Maintenance;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace IpSolis.Server.Tests.Backups;

/// <summary>
/// Backups and restores through the real host on the provider under test: data → backup → changes → restore gives
/// the data of the backup again (row counts and content hashes per table), and a backup that is newer, damaged,
/// or locked with another passphrase is refused before anything changes.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private static readonly AuditActor Actor = AuditActor.System("test");
    private OrderHost _host = null!;
    private Features.Backups.Backups _backups = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Backups:DrainSeconds"] = "0" };
        if (TestEnvironment.UsePostgres)
            settings["Backups:PostgresBinDirectory"] = TestEnvironment.PostgresBin;
        _host = await OrderHost.StartAsync(settings: settings);
        _backups = _host.Services.GetRequiredService<Features.Backups.Backups>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private TestDatabase Database => _host.Factory.Database;

    private async Task<long> PlaceProvisionedOrderAsync(long typeId, string requester)
    {
        var response = await _host.PlaceAsync(OrderHost.Body(typeId, requester, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(10)));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        await _host.WaitForStatusAsync(id, OrderStatus.Provisioned);
        return id;
    }

    private async Task<BackupSummary> BackUpAsync(string? passphrase = null)
    {
        var created = await _backups.CreateAsync(Features.Backups.Backups.ManualTrigger, passphrase, Actor, null, CancellationToken.None);
        created.Succeeded.Should().BeTrue(string.Join("; ", created.Errors.Select(e => e.Message)));
        return created.Value;
    }

    private Task<long> OrderCountAsync() => DirectSql.ScalarAsync<long>(Database, "SELECT COUNT(*) FROM orders");

    [Fact]
    public async Task Restore_BringsBackEveryTableAsOfTheBackup()
    {
        var type = await _host.AddTypeAsync("Backup VDI");
        await _host.AddAssetsAsync(type.Id, 4, "BKP");
        await PlaceProvisionedOrderAsync(type.Id, "anna@example.com");
        await PlaceProvisionedOrderAsync(type.Id, "ben@example.com");
        var store = _host.Services.GetRequiredService<SettingsStore>();
        await store.SaveAsync(new Dictionary<string, string?> { [BackupSettings.KeepLast.Key] = "7" }, Actor);
        await Task.Delay(500); // let the workers' last writes (notifications, job rows) land before the snapshot

        var before = await TableSnapshot.TakeAsync(Database);
        var auditHead = await DirectSql.ScalarAsync<long>(Database, "SELECT MAX(sequence) FROM audit_log");
        var auditBefore = await TableSnapshot.AuditPrefixAsync(Database, auditHead);
        var backup = await BackUpAsync();

        // Changes after the backup: a new order, a new asset type, a changed setting.
        await PlaceProvisionedOrderAsync(type.Id, "carla@example.com");
        await _host.AddTypeAsync("Added after the backup");
        await store.SaveAsync(new Dictionary<string, string?> { [BackupSettings.KeepLast.Key] = "9" }, Actor);
        (await OrderCountAsync()).Should().Be(3);

        var restored = await _backups.RestoreAsync(backup.FullPath, null, Actor, null, CancellationToken.None);

        restored.Succeeded.Should().BeTrue(string.Join("; ", restored.Errors.Select(e => e.Message)));
        var after = await TableSnapshot.TakeAsync(Database);
        after.Should().BeEquivalentTo(before, "every table holds exactly the rows of the backup");
        before["orders"].Rows.Should().Be(2);
        (await TableSnapshot.AuditPrefixAsync(Database, auditHead)).Should().Be(auditBefore, "the audit log up to the backup is restored unchanged");
        (await store.GetAsync(BackupSettings.KeepLast)).Should().Be(7);
        (await _host.Services.GetRequiredService<MaintenanceMode>().IsOnAsync()).Should().BeFalse("the restore leaves maintenance mode");
        var audit = await AccessFixtures.AuditAsync(_host.Factory);
        audit.Should().Contain(e => e.Action == "backup.restored" && e.EntityId == backup.Name);
        (await _backups.ListAsync(CancellationToken.None)).Should().Contain(b => b.Name.EndsWith("-pre-restore.ipsbak", StringComparison.Ordinal), "a safety backup is taken first");
        var verification = await _host.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(null, CancellationToken.None);
        verification.Break.Should().BeNull();
    }

    [Fact]
    public async Task Restore_BackupFromNewerSchema_IsRefusedNamingBothVersions()
    {
        var backup = await BackUpAsync();
        var forged = Path.Combine(_backups.Directory, "ipsolis-29990101T000000Z.ipsbak");
        await ArchiveSurgery.RewriteAsync(backup.FullPath, forged, (name, data) => name == BackupManifest.FileName
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(data).Replace(backup.Manifest!.SchemaVersion, "29990101000000_FromTheFuture", StringComparison.Ordinal))
            : data);
        var type = await _host.AddTypeAsync("Present before the refused restore");

        var result = await _backups.RestoreAsync(forged, null, Actor, null, CancellationToken.None);

        var error = result.Errors.Should().ContainSingle().Which;
        error.Code.Should().Be("backup.schema_newer");
        error.Message.Should().Contain("29990101000000_FromTheFuture").And.Contain(backup.Manifest!.SchemaVersion);
        (await DirectSql.ScalarAsync<long>(Database, $"SELECT COUNT(*) FROM asset_types WHERE id = {type.Id}")).Should().Be(1, "nothing was restored");
        (await _host.Services.GetRequiredService<MaintenanceMode>().IsOnAsync()).Should().BeFalse();
        (await _backups.ListAsync(CancellationToken.None)).Should().NotContain(b => b.Name.Contains("pre-restore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restore_TamperedArchive_IsRefusedByItsChecksum()
    {
        var backup = await BackUpAsync();
        var tampered = Path.Combine(_backups.Directory, "ipsolis-29990101T000000Z.ipsbak");
        await ArchiveSurgery.RewriteAsync(backup.FullPath, tampered, (name, data) =>
        {
            if (name == BackupManifest.FileName)
                return data;
            var copy = data.ToArray();
            copy[copy.Length / 2] ^= 0x01;
            return copy;
        });
        var type = await _host.AddTypeAsync("Present before the refused restore");

        var result = await _backups.RestoreAsync(tampered, null, Actor, null, CancellationToken.None);

        result.Errors.Should().NotBeEmpty().And.OnlyContain(e => e.Code == "backup.checksum_mismatch");
        result.Errors[0].Message.Should().Contain("corrupted");
        (await DirectSql.ScalarAsync<long>(Database, $"SELECT COUNT(*) FROM asset_types WHERE id = {type.Id}")).Should().Be(1, "nothing was restored");
    }

    [Fact]
    public async Task EncryptedBackup_WrongPassphraseIsRefused_RightOneRestores_DamageIsDetected()
    {
        var before = await _host.AddTypeAsync("In the encrypted backup");
        var backup = await BackUpAsync("correct horse battery staple");
        backup.Encrypted.Should().BeTrue();
        (await File.ReadAllBytesAsync(backup.FullPath)).AsSpan(0, 8).ToArray().Should().Equal("IPSBAKE1"u8.ToArray());
        var after = await _host.AddTypeAsync("After the encrypted backup");

        (await _backups.RestoreAsync(backup.FullPath, null, Actor, null, CancellationToken.None)).Errors.Should().ContainSingle(e => e.Code == "backup.passphrase_required");
        (await _backups.RestoreAsync(backup.FullPath, "wrong", Actor, null, CancellationToken.None)).Errors.Should().ContainSingle(e => e.Code == "backup.passphrase_wrong");
        var damaged = Path.Combine(_backups.Directory, "ipsolis-29990101T000000Z.ipsbak");
        File.Copy(backup.FullPath, damaged);
        await ArchiveSurgery.FlipByteAsync(damaged);
        (await _backups.RestoreAsync(damaged, "correct horse battery staple", Actor, null, CancellationToken.None)).Errors.Should().ContainSingle(e => e.Code == "backup.corrupted");
        File.Delete(damaged);
        (await DirectSql.ScalarAsync<long>(Database, $"SELECT COUNT(*) FROM asset_types WHERE id = {after.Id}")).Should().Be(1, "refused restores change nothing");

        var restored = await _backups.RestoreAsync(backup.FullPath, "correct horse battery staple", Actor, null, CancellationToken.None);

        restored.Succeeded.Should().BeTrue(string.Join("; ", restored.Errors.Select(e => e.Message)));
        (await DirectSql.ScalarAsync<long>(Database, $"SELECT COUNT(*) FROM asset_types WHERE id = {before.Id}")).Should().Be(1);
        (await DirectSql.ScalarAsync<long>(Database, $"SELECT COUNT(*) FROM asset_types WHERE id = {after.Id}")).Should().Be(0);
        (await _backups.ListAsync(CancellationToken.None)).Single(b => b.Name == restored.Value.SafetyBackup).Encrypted.Should().BeTrue("the safety backup is locked with the same passphrase");
    }

    [Fact]
    public async Task ScheduledBackup_IsTakenWhenItsCronTicks_EncryptedWithTheSchedulePassphrase()
    {
        await _host.Services.GetRequiredService<SettingsStore>().SaveAsync(new Dictionary<string, string?>
        {
            [BackupSettings.ScheduleEnabled.Key] = "true",
            [BackupSettings.ScheduleCron.Key] = "30 2 * * *",
            [BackupSettings.SchedulePassphrase.Key] = "scheduled passphrase 0123",
        }, Actor);
        var handler = ActivatorUtilities.CreateInstance<ScheduledBackup>(_host.Services);
        async Task FireAsync(int hour, int minute)
        {
            var job = new Platform.Jobs.Job { Kind = ScheduledBackup.Kind, Queue = "default", Payload = "{}", CreatedAt = new DateTimeOffset(2026, 12, 7, hour, minute, 0, TimeSpan.Zero) };
            await using var context = new Platform.Jobs.JobContext(job, "test-node", null);
            await handler.RunAsync(context, CancellationToken.None);
        }

        await FireAsync(2, 29);
        (await _backups.ListAsync(CancellationToken.None)).Should().BeEmpty("the schedule has not ticked yet");
        await FireAsync(2, 30);

        var taken = (await _backups.ListAsync(CancellationToken.None)).Should().ContainSingle().Subject;
        taken.Encrypted.Should().BeTrue();
        (await _backups.InspectAsync(taken.FullPath, null, CancellationToken.None)).Errors.Should().ContainSingle(e => e.Code == "backup.passphrase_required");
        (await _backups.InspectAsync(taken.FullPath, "scheduled passphrase 0123", CancellationToken.None)).Succeeded.Should().BeTrue();
        (await AccessFixtures.AuditAsync(_host.Factory)).Should().NotContain(e => (e.NewValues ?? "").Contains("scheduled passphrase 0123"), "a secret setting is never written in the clear");
    }

    [Fact]
    public async Task Create_KeepsOnlyTheNewestN()
    {
        await _host.Services.GetRequiredService<SettingsStore>().SaveAsync(new Dictionary<string, string?> { [BackupSettings.KeepLast.Key] = "2" }, Actor);

        var first = await BackUpAsync();
        var second = await BackUpAsync();
        var third = await BackUpAsync();

        (await _backups.ListAsync(CancellationToken.None)).Select(b => b.Name).Should().Equal(third.Name, second.Name);
        File.Exists(first.FullPath).Should().BeFalse();
        (await AccessFixtures.AuditAsync(_host.Factory)).Should().Contain(e => e.Action == "backup.deleted" && e.EntityId == first.Name);
    }

    [Fact]
    public async Task Create_WritesManifestWithVersionsProviderAndChecksums()
    {
        var backup = await BackUpAsync();

        var manifest = backup.Manifest!;
        manifest.Provider.Should().Be(Database.IsPostgres ? "postgres" : "sqlite");
        manifest.SchemaVersion.Should().Be(_host.Services.GetRequiredService<Platform.Data.DatabaseMigrations>().Known()[^1]);
        manifest.Parts.Select(p => p.Name).Should().BeEquivalentTo([BackupManifest.DatabasePartFor(manifest.Provider), BackupManifest.KeyRingPart]);
        manifest.Parts.Should().OnlyContain(p => p.Sha256.Length == 64 && p.Size > 0);
        backup.Name.Should().MatchRegex(@"^ipsolis-\d{8}T\d{6}Z\.ipsbak$");
        Directory.EnumerateFileSystemEntries(_backups.Directory).Select(Path.GetFileName).Should().Equal(backup.Name);
    }
}
