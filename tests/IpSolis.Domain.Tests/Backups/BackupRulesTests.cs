using IpSolis.Domain.Backups;

namespace IpSolis.Domain.Tests.Backups;

public sealed class BackupRulesTests
{
    private static readonly string Sha = new('a', 64);
    private static readonly DateTimeOffset At = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<string> Known = ["20260101000000_Initial", "20260301000000_Orders", "20260601000000_Backups"];

    private static BackupManifest Manifest(string provider = "sqlite", string schema = "20260601000000_Backups", int format = 1, params BackupPart[] parts) =>
        new(format, "1.2.0", schema, provider, At, "manual",
            parts.Length > 0 ? parts : [new(BackupManifest.DatabasePartFor(provider), 10, Sha), new(BackupManifest.KeyRingPart, 5, Sha)]);

    [Fact]
    public void FileName_IsTheUtcTimestampWithOptionalLabel()
    {
        BackupRules.FileName(new DateTimeOffset(2026, 12, 7, 3, 4, 5, TimeSpan.FromHours(1))).Should().Be("ipsolis-20261207T020405Z.ipsbak");
        BackupRules.FileName(At, "pre-restore").Should().Be("ipsolis-20261207T020000Z-pre-restore.ipsbak");
    }

    [Fact]
    public void FileName_WithLabelOutsideTheAlphabet_Throws()
    {
        var act = () => BackupRules.FileName(At, "../x");
        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("ipsolis-20261207T020000Z.ipsbak", true)]
    [InlineData("ipsolis-20261207T020000Z-pre-restore.ipsbak", true)]
    [InlineData("ipsolis-20261207T020000Z-2.ipsbak", true)]
    [InlineData("../ipsolis-20261207T020000Z.ipsbak", false)]
    [InlineData("ipsolis-20261207T020000Z.ipsbak.part", false)]
    [InlineData("ipsolis-20261332T020000Z.ipsbak", false)]
    [InlineData("other.ipsbak", false)]
    [InlineData(null, false)]
    public void TryParseFileName_AcceptsOnlyOwnNames(string? name, bool accepted)
    {
        var parsed = BackupRules.TryParseFileName(name);
        (parsed is not null).Should().Be(accepted);
        if (accepted)
            parsed!.CreatedAt.Should().Be(At);
    }

    [Fact]
    public void Validate_CompleteManifest_Succeeds() => BackupRules.Validate(Manifest()).Succeeded.Should().BeTrue();

    [Fact]
    public void Validate_Null_SaysItIsNoBackup() =>
        BackupRules.Validate(null).Errors.Should().ContainSingle(e => e.Code == "backup.manifest_missing");

    [Fact]
    public void Validate_OtherFormat_IsRefused() =>
        BackupRules.Validate(Manifest(format: 2)).Errors.Should().ContainSingle(e => e.Code == "backup.format_unsupported");

    [Fact]
    public void Validate_MissingKeyRing_IsIncomplete() =>
        BackupRules.Validate(Manifest(parts: [new BackupPart(BackupManifest.SqliteDatabasePart, 1, Sha)]))
            .Errors.Should().ContainSingle(e => e.Code == "backup.part_missing" && e.Message.Contains("keyring.xml"));

    [Fact]
    public void Validate_MalformedChecksum_IsRefused() =>
        BackupRules.Validate(Manifest(parts: [new BackupPart(BackupManifest.SqliteDatabasePart, 1, "xyz"), new BackupPart(BackupManifest.KeyRingPart, 1, Sha)]))
            .Errors.Should().ContainSingle(e => e.Code == "backup.part_checksum_invalid");

    [Theory]
    [InlineData("20260601000000_Backups", SchemaComparison.Same)]
    [InlineData("20260101000000_Initial", SchemaComparison.Older)]
    [InlineData("20270101000000_Future", SchemaComparison.Newer)]
    [InlineData("20260201000000_Elsewhere", SchemaComparison.Unknown)]
    public void CompareSchema_PlacesTheBackupAmongKnownMigrations(string schema, SchemaComparison expected) =>
        BackupRules.CompareSchema(schema, Known).Should().Be(expected);

    [Fact]
    public void CheckRestorable_NewerSchema_NamesBothVersions()
    {
        var result = BackupRules.CheckRestorable(Manifest(schema: "20270101000000_Future"), "sqlite", Known);

        var error = result.Errors.Should().ContainSingle().Which;
        error.Code.Should().Be("backup.schema_newer");
        error.Message.Should().Contain("20270101000000_Future").And.Contain("20260601000000_Backups").And.Contain("1.2.0");
    }

    [Fact]
    public void CheckRestorable_OlderSchema_SucceedsAndSaysMigrationsFollow() =>
        BackupRules.CheckRestorable(Manifest(schema: "20260301000000_Orders"), "sqlite", Known).Value.Should().Be(SchemaComparison.Older);

    [Fact]
    public void CheckRestorable_OtherProvider_IsRefused() =>
        BackupRules.CheckRestorable(Manifest(provider: "postgres"), "sqlite", Known)
            .Errors.Should().ContainSingle(e => e.Code == "backup.provider_mismatch" && e.Message.Contains("PostgreSQL") && e.Message.Contains("SQLite"));

    [Fact]
    public void VerifyParts_SameParts_Succeeds()
    {
        var manifest = Manifest();
        BackupRules.VerifyParts(manifest, [.. manifest.Parts]).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void VerifyParts_ChangedChecksum_IsCorruption()
    {
        var manifest = Manifest();
        var found = new[] { manifest.Parts[0] with { Sha256 = new string('b', 64) }, manifest.Parts[1] };

        BackupRules.VerifyParts(manifest, found).Errors.Should().ContainSingle(e => e.Code == "backup.checksum_mismatch" && e.Message.Contains("database.sqlite"));
    }

    [Fact]
    public void VerifyParts_ChangedSize_IsCorruption()
    {
        var manifest = Manifest();
        var found = new[] { manifest.Parts[0] with { Size = 11 }, manifest.Parts[1] };

        BackupRules.VerifyParts(manifest, found).Errors.Should().ContainSingle(e => e.Code == "backup.checksum_mismatch");
    }

    [Fact]
    public void VerifyParts_MissingAndExtraParts_AreBothReported()
    {
        var manifest = Manifest();
        var found = new[] { manifest.Parts[0], new BackupPart("evil.sh", 1, Sha) };

        BackupRules.VerifyParts(manifest, found).Errors.Select(e => e.Code).Should().BeEquivalentTo(["backup.part_missing", "backup.part_unexpected"]);
    }

    [Fact]
    public void SelectExpired_KeepsTheNewestN()
    {
        var backups = Enumerable.Range(0, 5).Select(i => new BackupFile(BackupRules.FileName(At.AddDays(i)), At.AddDays(i))).Reverse().ToList();

        var expired = BackupRules.SelectExpired(backups, 3);

        expired.Select(b => b.CreatedAt).Should().BeEquivalentTo([At, At.AddDays(1)]);
    }

    [Fact]
    public void SelectExpired_Zero_KeepsAll() =>
        BackupRules.SelectExpired([new BackupFile("a", At)], 0).Should().BeEmpty();

    [Fact]
    public void SelectExpired_FewerThanN_RemovesNothing() =>
        BackupRules.SelectExpired([new BackupFile("a", At), new BackupFile("b", At.AddDays(1))], 5).Should().BeEmpty();
}
