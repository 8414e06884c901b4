using UnsMes.Oee.Domain;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;
using static UnsMes.Oee.Tests.Domain.Plant;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>Lines follow their output machine at the bottleneck's ideal cycle time; areas and sites sum their lines.</summary>
public class ScopeAggregationTests
{
    private const double Exact = 1e-12;

    // Line 3: a press (1.5 s), a slower welder (3.0 s, the bottleneck) and a fast packer (1.0 s, the output).
    private static readonly IsaPath Feeder = Line3.Child("press01");
    private static readonly IsaPath Welder = Line3.Child("weld02");
    private static readonly IsaPath Packer = Line3.Child("pack03");
    // Line 2 in the same area, and line 1 of the assembly area: one machine each.
    private static readonly IsaPath Press2 = Stamping.Child("line2").Child("press11");
    private static readonly IsaPath Assembly = Site.Child("assembly");
    private static readonly IsaPath Assembler = Assembly.Child("line1").Child("asm01");

    [Test]
    public void Line_FollowsItsOutputMachineAtTheBottleneckCycleTime_NotTheAverageOfItsMachines()
    {
        var oee = LineThreeHour();

        // Feeder: ran 30 min (1,200 x 1.5 s = 1,800 s, P = 1), blocked 30 min: A = 0.5, OEE = 0.5.
        // Welder: ran 60 min, 1,200 x 3.0 s = 3,600 s: OEE = 1. Packer: ran 60 min, 1,200 x 1.0 s: P = 1/3.
        // Naive average: (0.5 + 1 + 0.333...) / 3 = 0.611... The line, though, shipped 1,200 parts in the hour its
        // bottleneck needs for 1,200: A from the packer's states = 1, P = 1,200 x 3.0 / 3,600 = 1, Q = 1: OEE = 1.
        var machines = new[] { Feeder, Welder, Packer }.Select(m => oee.Figures(m, Hour(6)).Oee).ToList();
        var line = oee.Figures(Line3, Hour(6));
        Assert.Multiple(() =>
        {
            Assert.That(machines, Is.EqualTo(new[] { 0.5, 1.0, 1.0 / 3 }).Within(Exact));
            Assert.That(machines.Average(), Is.EqualTo(0.6111111111).Within(1e-9));
            Assert.That((line.Availability, line.Performance, line.Quality, line.Oee), Is.EqualTo((1.0, 1.0, 1.0, 1.0)));
            Assert.That(line.Losses.AvailabilityByReasonS, Is.Empty, "the feeder's blocked time is not the line's loss");
            Assert.That(line.IdealTimeS, Is.EqualTo(3_600));
        });
    }

    [Test]
    public void Line_OutputChosenByTheCaller_FollowsThatMachine()
    {
        var oee = LineThreeHour();
        oee.SetLineOutput(Line3, Welder);

        // The welder: A = 1, 1,200 x 3.0 s = 3,600 s in 3,600 s: P = 1.
        var line = oee.Figures(Line3, Hour(6));
        Assert.That((line.Availability, line.Performance, line.GoodCount), Is.EqualTo((1.0, 1.0, 1_200L)));
    }

    [Test]
    public void AreaAndSite_SumTheirLinesTimesAndCounts_ThenComputeTheFactors()
    {
        var oee = LineThreeHour();
        // Line 2: ran 30 min, then down (jam) 30 min; 810 good + 90 scrap at 2 s = 1,800 s ideal.
        // A = 0.5, P = 1,800 / 1,800 = 1, Q = 0.9: OEE 0.45.
        oee.State(Press2, "06:00", MachineState.Running);
        oee.Count(Press2, "06:00", 0, 0, 2.0);
        oee.Count(Press2, "06:29:59", 810, 90, 2.0);
        oee.State(Press2, "06:30", MachineState.Down, "jam");
        // Assembly line 1: ran the hour, 1,440 good at 2 s = 2,880 s ideal: P = 0.8, OEE 0.8.
        oee.State(Assembler, "06:00", MachineState.Running);
        oee.Count(Assembler, "06:00", 0, 0, 2.0);
        oee.Count(Assembler, "06:59:59", 1_440, 0, 2.0);
        oee.Advance("07:00");

        // Stamping = line 3 + line 2: PBT 3,600 + 3,600 = 7,200; run 3,600 + 1,800 = 5,400; ideal 3,600 + 1,800 = 5,400;
        // good 1,200 + 810 = 2,010 of 2,100. A = 0.75, P = 1, Q = 2,010 / 2,100 = 0.957142..., OEE = 0.717857...
        // (the average of the lines' OEE, (1 + 0.45) / 2 = 0.725, would weigh a good part of line 3 less than one of line 2).
        var stamping = oee.Figures(Stamping, Hour(6));
        // Site = stamping + assembly: PBT 10,800; run 9,000; ideal 8,280; good 3,450 of 3,540.
        // A = 0.8333..., P = 0.92, Q = 0.974576..., OEE = 8,280 / 10,800 x 3,450 / 3,540 = 0.747175...
        var site = oee.Figures(Site, Hour(6));
        Assert.Multiple(() =>
        {
            Assert.That(oee.Figures(Press2.Parent, Hour(6)).Oee, Is.EqualTo(0.45).Within(Exact));
            Assert.That((stamping.PlannedBusyTimeS, stamping.RunTimeS, stamping.IdealTimeS), Is.EqualTo((7_200.0, 5_400.0, 5_400.0)));
            Assert.That((stamping.GoodCount, stamping.TotalCount), Is.EqualTo((2_010L, 2_100L)));
            Assert.That(stamping.Availability, Is.EqualTo(0.75));
            Assert.That(stamping.Quality, Is.EqualTo(2_010.0 / 2_100).Within(Exact));
            Assert.That(stamping.Oee, Is.EqualTo(0.7178571428571).Within(1e-12));
            Assert.That(stamping.Losses.AvailabilityByReasonS, Is.EqualTo(new Dictionary<string, double> { ["jam"] = 1_800 }));
            Assert.That(stamping.Losses.QualityS, Is.EqualTo(180));
            Assert.That((site.PlannedBusyTimeS, site.RunTimeS, site.IdealTimeS), Is.EqualTo((10_800.0, 9_000.0, 8_280.0)));
            Assert.That(site.Performance, Is.EqualTo(0.92).Within(Exact));
            Assert.That(site.Oee, Is.EqualTo(8_280.0 / 10_800 * 3_450 / 3_540).Within(Exact));
            Assert.That(site.Oee, Is.EqualTo(0.7471751412).Within(1e-10));
            Assert.That(site.AccountedTimeS, Is.EqualTo(10_800).Within(1e-6));
        });
    }

    [Test]
    public void Scopes_ListMachinesLinesAreasAndSites()
    {
        var oee = LineThreeHour();
        oee.RegisterMachine(Assembler);

        Assert.That(oee.Scopes, Is.EqualTo(new[] { Feeder, Welder, Packer, Assembler, Line3, Assembler.Parent, Stamping, Assembly, Site }));
    }

    private static OeeCalculator LineThreeHour()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        // Routing order: the last registered machine is the line's output.
        oee.RegisterMachine(Feeder);
        oee.RegisterMachine(Welder);
        oee.RegisterMachine(Packer);
        foreach (var (machine, idealCycleTimeS) in new[] { (Feeder, 1.5), (Welder, 3.0), (Packer, 1.0) })
        {
            oee.State(machine, "06:00", MachineState.Running);
            oee.Count(machine, "06:00", 0, 0, idealCycleTimeS);
        }

        oee.Count(Feeder, "06:29:59", 1_200, 0, 1.5);
        oee.State(Feeder, "06:30", MachineState.Blocked);
        oee.Count(Welder, "06:59:59", 1_200, 0, 3.0);
        // The packer's units are valued at the slowest ideal cycle time last seen on the line: the welder's 3.0 s.
        oee.Count(Packer, "06:59:59", 1_200, 0, 1.0);
        oee.Advance("07:00");
        return oee;
    }
}
