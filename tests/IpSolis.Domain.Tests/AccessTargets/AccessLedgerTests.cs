using IpSolis.Domain.AccessTargets;

namespace IpSolis.Domain.Tests.AccessTargets;

public sealed class AccessLedgerTests
{
    private static readonly AccessGrant AnnInVdi = new("CN=VDI,DC=x", "ann@example.com");
    private static readonly AccessGrant BobInVdi = new("cn=vdi,dc=x", "bob@example.com");
    private static readonly AccessGrant AnnInCrm = new("cn=crm,dc=x", "ann@example.com");

    private static AccessLedgerEntry Grant(long order, AccessGrant grant) => new(order, grant, AccessAction.Grant);

    private static AccessLedgerEntry Revoke(long order, AccessGrant grant) => new(order, grant, AccessAction.Revoke);

    [Fact]
    public void AccessGrant_ComparesWithoutCaseOrBlanks() =>
        new AccessGrant(" cn=VDI,DC=x ", "ANN@example.com").Should().Be(new AccessGrant("cn=vdi,dc=x", "ann@example.com"));

    [Fact]
    public void HeldBy_FollowsTheLatestRowPerGrant_OfThatOrderOnly()
    {
        var entries = new[] { Grant(1, AnnInVdi), Grant(1, AnnInCrm), Revoke(1, AnnInVdi), Grant(2, BobInVdi), Grant(1, AnnInVdi), Revoke(1, AnnInCrm) };

        AccessLedger.HeldBy(entries, 1).Should().Equal(AnnInVdi);
        AccessLedger.HeldBy(entries, 2).Should().Equal(BobInVdi);
        AccessLedger.HeldBy(entries, 3).Should().BeEmpty();
    }

    [Fact]
    public void HeldBy_ADuplicateGrantRow_CountsOnce() =>
        AccessLedger.HeldBy([Grant(1, AnnInVdi), Grant(1, AnnInVdi)], 1).Should().Equal(AnnInVdi);

    [Fact]
    public void Holders_AreTheOrdersWhoseLatestRowIsAGrant() =>
        AccessLedger.Holders([Grant(1, AnnInVdi), Grant(2, AnnInVdi), Grant(3, AnnInVdi), Revoke(2, AnnInVdi), Grant(4, BobInVdi)], AnnInVdi)
            .Should().BeEquivalentTo([1L, 3L]);

    [Fact]
    public void Difference_OfAProvision_GrantsEverythingWanted() =>
        AccessLedger.Difference([], 1, [AnnInVdi, AnnInCrm, AnnInVdi]).Should().BeEquivalentTo(new AccessChange([AnnInVdi, AnnInCrm], []));

    [Fact]
    public void Difference_OfAChange_AddsAndRemovesExactlyTheDifferences()
    {
        var entries = new[] { Grant(1, AnnInVdi), Grant(1, BobInVdi) };
        var carl = new AccessGrant("cn=vdi,dc=x", "carl@example.com");

        var change = AccessLedger.Difference(entries, 1, [AnnInVdi, carl]);

        change.ToGrant.Should().Equal(carl);
        change.ToRevoke.Should().Equal(BobInVdi);
    }

    [Fact]
    public void Difference_IgnoresWhatOtherOrdersHold() =>
        AccessLedger.Difference([Grant(2, AnnInVdi)], 1, [AnnInVdi]).ToGrant.Should().Equal(AnnInVdi);

    [Fact]
    public void Difference_OfAnEnd_RevokesWhatTheOrderHolds_AndNothingElse() =>
        AccessLedger.Difference([Grant(1, AnnInVdi), Grant(2, BobInVdi), Grant(1, AnnInCrm), Revoke(1, AnnInCrm)], 1, [])
            .Should().BeEquivalentTo(new AccessChange([], [AnnInVdi]));

    [Fact]
    public void Difference_WhenNothingChanges_IsNone()
    {
        AccessLedger.Difference([Grant(1, AnnInVdi)], 1, [AnnInVdi]).Should().BeSameAs(AccessChange.None);
        AccessChange.None.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void MustLeaveDirectory_WhenAnotherActiveOrderHoldsTheSameGrant_IsFalse() =>
        AccessLedger.MustLeaveDirectory([Grant(1, AnnInVdi), Grant(2, AnnInVdi)], AnnInVdi, 1, new HashSet<long> { 1, 2 }).Should().BeFalse();

    [Fact]
    public void MustLeaveDirectory_WhenOnlyThisOrderHoldsIt_IsTrue() =>
        AccessLedger.MustLeaveDirectory([Grant(1, AnnInVdi), Grant(2, BobInVdi), Grant(3, AnnInCrm)], AnnInVdi, 1, new HashSet<long> { 1, 2, 3 }).Should().BeTrue();

    [Fact]
    public void MustLeaveDirectory_WhenTheOtherHolderRevokedAlready_IsTrue() =>
        AccessLedger.MustLeaveDirectory([Grant(1, AnnInVdi), Grant(2, AnnInVdi), Revoke(2, AnnInVdi)], AnnInVdi, 1, new HashSet<long> { 1, 2 }).Should().BeTrue();

    [Fact]
    public void MustLeaveDirectory_WhenTheOtherHolderIsNoLongerActive_IsTrue() =>
        AccessLedger.MustLeaveDirectory([Grant(1, AnnInVdi), Grant(2, AnnInVdi)], AnnInVdi, 1, new HashSet<long> { 1 }).Should().BeTrue();

    [Fact]
    public void IdempotencyKey_IsTheSameForARepeatedRun_AndDiffersByActionOrderRunAndGrant()
    {
        var key = AccessLedger.IdempotencyKey(AccessAction.Grant, 1, 1, AnnInVdi);

        key.Should().Be(AccessLedger.IdempotencyKey(AccessAction.Grant, 1, 1, new AccessGrant("cn=vdi,dc=x", "Ann@Example.com")));
        key.Should().StartWith("grant:1:1:").And.HaveLength("grant:1:1:".Length + 64);
        new[]
        {
            AccessLedger.IdempotencyKey(AccessAction.Revoke, 1, 1, AnnInVdi),
            AccessLedger.IdempotencyKey(AccessAction.Grant, 2, 2, AnnInVdi),
            AccessLedger.IdempotencyKey(AccessAction.Grant, 1, 5, AnnInVdi),
            AccessLedger.IdempotencyKey(AccessAction.Grant, 1, 1, AnnInCrm),
        }.Should().OnlyHaveUniqueItems().And.NotContain(key);
    }
}
