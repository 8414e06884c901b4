using UnsMes.Uns.Tests.Examples;
using static UnsMes.Uns.Tests.Examples.ContractExamples;

namespace UnsMes.Uns.Tests.Validation;

/// <summary>Family rules of _oee: factors, their product, counts and loss times (example figures in ContractExamples.Production).</summary>
public class OeeRulesTests
{
    [Test]
    public void Validate_AvailabilityAboveOne_SaysItIsOutsideTheRange() =>
        Assert.That(
            Check.Message(OeeTopic, Oee.With("availability", 1.2)).Problem,
            Does.StartWith("$.availability: 1.2 is outside [0, 1]"));

    [Test]
    public void Validate_NegativeQuality_SaysItIsOutsideTheRange() =>
        Assert.That(
            Check.Message(OeeTopic, Oee.With("quality", -0.1)).Problem,
            Does.StartWith("$.quality: -0.1 is outside [0, 1]"));

    [Test]
    public void Validate_NegativePerformance_IsInvalid() =>
        Assert.That(
            Check.Message(OeeTopic, Oee.With("performance", -0.1)).Problem,
            Does.StartWith("$.performance: -0.1 must be a finite number >= 0"));

    // 8,100 -> 9,900 parts in the same 24,300 s: performance 9,900 x 2.7 / 24,300 = 1.1, so speed loss
    // 24,300 - 26,730 - 630 = -3,060 s; good 9,702 of 9,900 keeps quality 0.98; OEE 0.9 x 1.1 x 0.98 = 0.9702.
    [Test]
    public void Validate_PerformanceAboveOne_IsReportedNotRefused() =>
        Assert.That(
            Check.Message(
                OeeTopic,
                Oee.With("performance", 1.1).With("oee", 0.9702).With("totalCount", 9900).With("goodCount", 9702).With("losses.speedS", -3060)).IsValid,
            Is.True);

    [Test]
    public void Validate_OeeNotTheProductOfItsFactors_SaysTheProduct() =>
        Assert.That(
            Check.Message(OeeTopic, Oee.With("oee", 0.8)).Problem,
            Is.EqualTo("$.oee: 0.8 is not availability x performance x quality (0.7938)"));

    [Test]
    public void Validate_OeeWithinAMillionthOfTheProduct_IsValid() =>
        Assert.That(Check.Message(OeeTopic, Oee.With("oee", 0.7938004)).IsValid, Is.True);

    [Test]
    public void Validate_OeeTwoMillionthsOffTheProduct_IsInvalid() =>
        Assert.That(Check.Message(OeeTopic, Oee.With("oee", 0.793802)).Problem, Does.StartWith("$.oee: 0.793802 is not"));

    [Test]
    public void Validate_GoodCountAboveTotal_IsInvalid() =>
        Assert.That(
            Check.Message(OeeTopic, Oee.With("goodCount", 8200)).Problem,
            Is.EqualTo("$.goodCount: 8200 must be between 0 and $.totalCount (8100)"));

    [Test]
    public void Validate_NegativeGoodCount_IsInvalid() =>
        Assert.That(
            Check.Message(OeeTopic, Oee.With("goodCount", -1)).Problem,
            Is.EqualTo("$.goodCount: -1 must be between 0 and $.totalCount (8100)"));

    [Test]
    public void Validate_RunTimeAbovePlannedBusyTime_IsInvalid() =>
        Assert.That(
            Check.Message(OeeTopic, Oee.With("runTimeS", 27500)).Problem,
            Is.EqualTo("$.runTimeS: 27500 exceeds $.plannedBusyTimeS (27000)"));

    [Test]
    public void Validate_WindowEndingBeforeItStarts_IsInvalid() =>
        Assert.That(
            Check.Message(OeeTopic, Oee.With("windowEnd", 1741586340000)).Problem,
            Is.EqualTo("$.windowEnd: 1741586340000 is before $.windowStart (1741586400000)"));

    [Test]
    public void Validate_OpenWindow_IsValid() =>
        Assert.That(Check.Message(OeeTopic, Oee.With("closed", false).Without("windowEnd")).IsValid, Is.True);

    [Test]
    public void Validate_NegativeSetupLoss_NamesTheLoss() =>
        Assert.That(
            Check.Message(OeeTopic, Oee.With("losses.setupS", -5)).Problem,
            Is.EqualTo("$.losses.setupS: -5 must be a finite number >= 0"));

    [Test]
    public void Validate_NegativeLossForAReason_NamesTheReason() =>
        Assert.That(
            Check.Message(OeeTopic, Oee.With("losses.availabilityByReasonS.jam", -1)).Problem,
            Is.EqualTo("$.losses.availabilityByReasonS.jam: -1 must be a finite number >= 0"));

    [Test]
    public void Validate_OeeWithoutLosses_IsMissingARequiredField() =>
        Assert.That(Check.Message(OeeTopic, Oee.Without("losses")).Problem, Does.Contain("missing required field(s) 'losses'"));

    [TestCase(Site + "/_oee/today")]
    [TestCase("uns/v1/acme/dayton/stamping/_oee/hour")]
    [TestCase(Cell + "/_oee/workorder")]
    public void Validate_OeeAtAnotherScope_IsValid(string topic) =>
        Assert.That(Check.Message(topic, Oee).IsValid, Is.True);

    [Test]
    public void Validate_MoreThanFiveProblems_ReportsFiveThenAnEllipsis()
    {
        var broken = Oee
            .With("availability", 2)
            .With("performance", -1)
            .With("quality", 2)
            .With("plannedBusyTimeS", -1)
            .With("runTimeS", -2)
            .With("totalCount", -1);

        var problem = Check.Message(OeeTopic, broken).Problem;

        Assert.That(problem, Does.EndWith("; ..."));
        Assert.That(problem!.Split("; "), Has.Length.EqualTo(6));
    }
}
