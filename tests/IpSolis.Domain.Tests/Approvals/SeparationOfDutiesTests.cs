using IpSolis.Domain.Approvals;

namespace IpSolis.Domain.Tests.Approvals;

public sealed class SeparationOfDutiesTests
{
    [Fact]
    public void WhoConfiguredTheType_CannotApprove_AndIsToldWhy()
    {
        var error = SeparationOfDuties.CheckApproval(["Alice@Example.com", "alice"], ["admin", "ALICE"], exempt: false);
        error.Should().NotBeNull();
        error!.Code.Should().Be("approval.separation_of_duties");
        error.Message.Should().Contain("configured this asset type").And.Contain("decline");
    }

    [Fact]
    public void PartsOfIdentities_DoNotMatch()
    {
        // The reference matched local parts and substrings: "al" or "alice.smith" would have blocked alice.
        SeparationOfDuties.CheckApproval(["alice@example.com"], ["alice.smith@example.com", "al", "alice@example"], exempt: false)
            .Should().BeNull();
    }

    [Fact]
    public void ExemptRows_AreNotChecked()
    {
        SeparationOfDuties.CheckApproval(["alice@example.com"], ["alice@example.com"], exempt: true).Should().BeNull();
    }

    [Fact]
    public void BlankIdentities_NeverMatch()
    {
        SeparationOfDuties.CheckApproval(["", " "], ["", "  "], exempt: false).Should().BeNull();
    }
}
