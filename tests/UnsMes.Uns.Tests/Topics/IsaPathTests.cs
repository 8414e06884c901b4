using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Topics;

public class IsaPathTests
{
    [Test]
    public void Of_NoSegments_IsTheRoot()
    {
        var root = IsaPath.Of();

        Assert.That(root, Is.EqualTo(IsaPath.Root));
        Assert.That(root.Level, Is.EqualTo(IsaLevel.Root));
        Assert.That(root.ToString(), Is.Empty);
    }

    [Test]
    public void Of_FiveSegments_IsACellWithEveryLevelNamed()
    {
        var cell = IsaPath.Of("acme", "dayton", "stamping", "line3", "press07");

        Assert.That(cell.Level, Is.EqualTo(IsaLevel.Cell));
        Assert.That(
            new[] { cell.Enterprise, cell.Site, cell.Area, cell.Line, cell.Cell },
            Is.EqualTo(new[] { "acme", "dayton", "stamping", "line3", "press07" }));
        Assert.That(cell.ToString(), Is.EqualTo("acme/dayton/stamping/line3/press07"));
    }

    [Test]
    public void Of_LinePath_HasNoCell()
    {
        Assert.That(Plant.Line.Level, Is.EqualTo(IsaLevel.Line));
        Assert.That(Plant.Line.Cell, Is.Null);
    }

    [Test]
    public void Of_SixSegments_IsRefused() =>
        Assert.That(
            () => IsaPath.Of("acme", "dayton", "stamping", "line3", "press07", "head2"),
            Throws.ArgumentException.With.Message.StartsWith(
                "An ISA-95 path has at most 5 levels (enterprise/site/area/line/cell); got 6."));

    [Test]
    public void Of_IllegalName_IsRefusedNamingTheLevel() =>
        Assert.That(
            () => IsaPath.Of("acme", "dayton", "stamping", "line 3"),
            Throws.ArgumentException
                .With.Message.StartsWith("Illegal line: 'line 3' contains 'space'")
                .And.Property(nameof(ArgumentException.ParamName)).EqualTo("line"));

    [Test]
    public void LevelFactories_SameSegments_EqualOf()
    {
        Assert.That(IsaPath.EnterpriseOf("acme"), Is.EqualTo(Plant.Enterprise));
        Assert.That(IsaPath.SiteOf("acme", "dayton"), Is.EqualTo(Plant.Site));
        Assert.That(IsaPath.AreaOf("acme", "dayton", "stamping"), Is.EqualTo(Plant.Area));
        Assert.That(IsaPath.LineOf("acme", "dayton", "stamping", "line3"), Is.EqualTo(Plant.Line));
        Assert.That(IsaPath.CellOf("acme", "dayton", "stamping", "line3", "press07"), Is.EqualTo(Plant.Cell));
    }

    [Test]
    public void Equals_SameSegments_IsEqualWithTheSameHash()
    {
        var again = IsaPath.Of("acme", "dayton", "stamping", "line3");

        Assert.That(again, Is.EqualTo(Plant.Line));
        Assert.That(again.GetHashCode(), Is.EqualTo(Plant.Line.GetHashCode()));
    }

    [Test]
    public void Equals_DifferentCase_IsNotEqual() =>
        Assert.That(IsaPath.Of("ACME"), Is.Not.EqualTo(Plant.Enterprise));

    [Test]
    public void Child_OfLine_IsTheCell() =>
        Assert.That(Plant.Line.Child("press07"), Is.EqualTo(Plant.Cell));

    [Test]
    public void Child_OfRoot_IsAnEnterprise() =>
        Assert.That(IsaPath.Root.Child("acme").Level, Is.EqualTo(IsaLevel.Enterprise));

    [Test]
    public void Child_IllegalName_IsRefusedNamingTheLevel() =>
        Assert.That(
            () => Plant.Line.Child("press.07"),
            Throws.ArgumentException.With.Message.StartsWith("Illegal cell: 'press.07' contains '.'"));

    [Test]
    public void Child_OfCell_IsRefused() =>
        Assert.That(
            () => Plant.Cell.Child("head2"),
            Throws.InvalidOperationException.With.Message.EqualTo("A cell is the deepest ISA-95 level; it has no children."));

    [TestCase(IsaLevel.Root)]
    [TestCase(IsaLevel.Enterprise)]
    [TestCase(IsaLevel.Site)]
    [TestCase(IsaLevel.Area)]
    [TestCase(IsaLevel.Line)]
    [TestCase(IsaLevel.Cell)]
    public void Up_FromCell_IsTheAncestorAtThatLevel(IsaLevel level) =>
        Assert.That(Plant.Cell.Up(level), Is.EqualTo(Plant.At(level)));

    [Test]
    public void Up_ToItsOwnLevel_IsTheSamePath() =>
        Assert.That(Plant.Line.Up(IsaLevel.Line), Is.SameAs(Plant.Line));

    [Test]
    public void Up_ToADeeperLevel_IsRefused() =>
        Assert.That(
            () => Plant.Line.Up(IsaLevel.Cell),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("'acme/dayton/stamping/line3' has no cell level"));

    [Test]
    public void Parent_OfCell_IsTheLine() =>
        Assert.That(Plant.Cell.Parent, Is.EqualTo(Plant.Line));

    [Test]
    public void Parent_OfEnterprise_IsTheRoot() =>
        Assert.That(Plant.Enterprise.Parent, Is.EqualTo(IsaPath.Root));

    [Test]
    public void Parent_OfRoot_IsTheRoot() =>
        Assert.That(IsaPath.Root.Parent, Is.SameAs(IsaPath.Root));

    [TestCase(IsaLevel.Root)]
    [TestCase(IsaLevel.Site)]
    [TestCase(IsaLevel.Line)]
    [TestCase(IsaLevel.Cell)]
    public void IsWithin_AncestorOrItself_IsTrue(IsaLevel level) =>
        Assert.That(Plant.Cell.IsWithin(Plant.At(level)), Is.True);

    [Test]
    public void IsWithin_Descendant_IsFalse() =>
        Assert.That(Plant.Line.IsWithin(Plant.Cell), Is.False);

    [Test]
    public void IsWithin_SiblingLine_IsFalse() =>
        Assert.That(IsaPath.Of("acme", "dayton", "stamping", "line4").Child("press07").IsWithin(Plant.Line), Is.False);

    [Test]
    public void IsWithin_LineWhoseNameExtendsAnother_IsFalse() =>
        Assert.That(IsaPath.Of("acme", "dayton", "stamping", "line33").IsWithin(Plant.Line), Is.False);
}
