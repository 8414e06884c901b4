using UnsMes.Oee.Domain;

namespace UnsMes.Oee.Tests.Domain;

public class OeeCalculationOptionsTests
{
    [Test]
    public void Validate_Defaults_AreAccepted()
    {
        Assert.That(() => new OeeCalculationOptions().Validate(), Throws.Nothing);
    }

    [Test]
    public void Validate_LatenessShorterThanTheMicroStopThreshold_IsRefused()
    {
        var options = new OeeCalculationOptions { MicroStopThreshold = TimeSpan.FromMinutes(5), AllowedLateness = TimeSpan.FromMinutes(2) };

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains(nameof(OeeCalculationOptions.AllowedLateness)));
    }

    [Test]
    public void Validate_HistoryShorterThanADayPlusLateness_IsRefused()
    {
        var options = new OeeCalculationOptions { HistoryHorizon = TimeSpan.FromHours(24) };

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains(nameof(OeeCalculationOptions.HistoryHorizon)));
    }
}
