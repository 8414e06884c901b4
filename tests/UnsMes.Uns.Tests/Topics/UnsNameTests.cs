using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Topics;

public class UnsNameTests
{
    private const string OnlyAllowed = "only letters, digits, '_' and '-' are allowed";

    [TestCase("press07")]
    [TestCase("WO-1001")]
    [TestCase("line_3")]
    [TestCase("Press07")]
    [TestCase("-x")]
    [TestCase("x_")]
    [TestCase("9")]
    public void Problem_LegalName_IsNull(string name)
    {
        Assert.That(UnsName.Problem(name), Is.Null);
        Assert.That(UnsName.IsLegal(name), Is.True);
    }

    [Test]
    public void Problem_SixtyFourCharacters_IsLegal() =>
        Assert.That(UnsName.Problem(new string('a', UnsName.MaxLength)), Is.Null);

    [TestCase(null)]
    [TestCase("")]
    public void Problem_EmptyName_SaysItMustNotBeEmpty(string? name) =>
        Assert.That(UnsName.Problem(name), Is.EqualTo("a name must not be empty"));

    [Test]
    public void Problem_SixtyFiveCharacters_SaysHowLongAndTheLimit()
    {
        var problem = UnsName.Problem(new string('a', 65));

        Assert.That(problem, Does.EndWith("is 65 characters long; at most 64 are allowed"));
        Assert.That(problem, Does.StartWith("'" + new string('a', 37) + "...'"), "long names are shortened in the message");
    }

    [Test]
    public void Problem_LeadingUnderscore_SaysItIsReservedForContracts() =>
        Assert.That(
            UnsName.Problem("_press07"),
            Is.EqualTo("'_press07' starts with '_', which is reserved for contract segments such as _state"));

    [TestCase("press 07", "space")]
    [TestCase("press/07", "/")]
    [TestCase("press+07", "+")]
    [TestCase("press#07", "#")]
    [TestCase("$SYS", "$")]
    [TestCase("press.07", ".")]
    [TestCase("pressé", "é")]
    [TestCase("Ωmega", "Ω")]
    [TestCase("press\t07", "tab")]
    [TestCase("press\007", "NUL")]
    [TestCase("press\u000107", "U+0001")]
    [TestCase("press\n07", "U+000A")]
    public void Problem_IllegalCharacter_NamesTheCharacter(string name, string described) =>
        Assert.That(UnsName.Problem(name), Does.Contain($"contains '{described}'; {OnlyAllowed}"));

    [Test]
    public void Problem_IllegalCharacter_QuotesTheWholeName() =>
        Assert.That(UnsName.Problem("press.07"), Is.EqualTo($"'press.07' contains '.'; {OnlyAllowed}"));

    [Test]
    public void Require_LegalName_ReturnsIt() =>
        Assert.That(UnsName.Require("press07", "cell"), Is.EqualTo("press07"));

    [Test]
    public void Require_IllegalName_ThrowsNamingWhatAndWhy() =>
        Assert.That(
            () => UnsName.Require("oil.temp", "tag"),
            Throws.ArgumentException
                .With.Message.StartsWith($"Illegal tag: 'oil.temp' contains '.'; {OnlyAllowed}.")
                .And.Property(nameof(ArgumentException.ParamName)).EqualTo("tag"));
}
