namespace UnsMes.Oee.Domain;

/// <summary>Turns a machine's live bookkeeping into its snapshot records and back.</summary>
internal static class SnapshotMapping
{
    public static MachineSnapshot ToSnapshot(MachineAccount account) => new(
        account.Cell.ToString(),
        account.BookedUntilMs,
        account.Counter.Last,
        account.LatestIdealCycleTimeS,
        [.. account.Segments.Select(s => new SegmentSnapshot(
            s.StartMs,
            s.Report,
            s.OperatorReasonCode,
            s.OperatorReasonText,
            [.. s.Booked.Select(b => new BookingSnapshot(b.Window.Kind, b.Window.Id, b.Category, b.Reason, b.Ms))]))],
        [.. account.Tallies.OrderBy(p => p.Key.Kind).ThenBy(p => p.Key.Id, StringComparer.Ordinal).Select(p => ToSnapshot(p.Key, p.Value))]);

    public static MachineAccount FromSnapshot(MachineSnapshot snapshot, long microStopThresholdMs)
    {
        var account = new MachineAccount(OeeSnapshotJson.Path(snapshot.Cell))
        {
            BookedUntilMs = snapshot.BookedUntilMs,
            Counter = ProductionCounter.FromSnapshot(snapshot.Counter),
            LatestIdealCycleTimeS = snapshot.LatestIdealCycleTimeS,
        };
        foreach (var segment in snapshot.Segments)
        {
            account.Segments.Add(new StateSegment(segment.Report, segment.StartMs)
            {
                OperatorReasonCode = segment.OperatorReasonCode,
                OperatorReasonText = segment.OperatorReasonText,
                Booked = [.. segment.Booked.Select(b => new LedgerEntry(new WindowKey(b.Kind, b.Window), b.Category, b.Reason, b.Ms))],
            });
        }

        foreach (var tally in snapshot.Tallies)
        {
            account.Tallies[new WindowKey(tally.Kind, tally.Window)] = FromSnapshot(tally);
        }

        // Episodes are what the segments make of themselves; deriving them again needs no notices.
        var ignored = new List<OeeNotice>();
        for (var i = 0; i < account.Segments.Count; i++)
        {
            EpisodeTracker.Refresh(account, i, microStopThresholdMs, ignored);
        }

        return account;
    }

    private static TallySnapshot ToSnapshot(WindowKey key, WindowTally tally) => new(
        key.Kind,
        key.Id,
        tally.RunningMs,
        tally.MicroStopMs,
        tally.SetupMs,
        new SortedDictionary<string, long>(tally.AvailabilityMs, StringComparer.Ordinal),
        tally.Good,
        tally.Scrap,
        tally.IdealS,
        tally.IdealScrapS,
        tally.LineIdealS,
        tally.LineIdealScrapS,
        tally.ProductId);

    private static WindowTally FromSnapshot(TallySnapshot snapshot) => new()
    {
        RunningMs = snapshot.RunningMs,
        MicroStopMs = snapshot.MicroStopMs,
        SetupMs = snapshot.SetupMs,
        AvailabilityMs = new Dictionary<string, long>(snapshot.AvailabilityMs, StringComparer.Ordinal),
        Good = snapshot.Good,
        Scrap = snapshot.Scrap,
        IdealS = snapshot.IdealS,
        IdealScrapS = snapshot.IdealScrapS,
        LineIdealS = snapshot.LineIdealS,
        LineIdealScrapS = snapshot.LineIdealScrapS,
        ProductId = snapshot.ProductId,
    };
}
