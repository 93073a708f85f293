using Vigil.Serve;

namespace Vigil.Tests.Serve;

public sealed class CoverageLedgerTests
{
    [Fact]
    public void Add_MergesTouchingRanges()
    {
        var ledger = new CoverageLedger();

        ledger.Add(0, 9);
        ledger.Add(10, 19);

        Assert.Equal([(0L, 19L)], ledger.Ranges);
    }

    [Fact]
    public void Add_MergesOverlapAcrossSeveralRanges()
    {
        var ledger = new CoverageLedger([(0, 5), (10, 15), (20, 25)]);

        ledger.Add(4, 21);

        Assert.Equal([(0L, 25L)], ledger.Ranges);
    }

    [Fact]
    public void Add_KeepsHolesSorted()
    {
        var ledger = new CoverageLedger();

        ledger.Add(50, 60);
        ledger.Add(0, 10);
        ledger.Add(30, 40);

        Assert.Equal([(0L, 10L), (30L, 40L), (50L, 60L)], ledger.Ranges);
    }

    [Fact]
    public void Uncovered_ListsHolesInsideRange()
    {
        var ledger = new CoverageLedger([(0, 10), (20, 30)]);

        var holes = ledger.Uncovered(5, 40);

        Assert.Equal([TimeWindow.FromMilliseconds(11, 19), TimeWindow.FromMilliseconds(31, 40)], holes);
    }

    [Fact]
    public void Covers_IsInclusive()
    {
        var ledger = new CoverageLedger([(10, 20)]);

        Assert.True(ledger.Covers(10));
        Assert.True(ledger.Covers(20));
        Assert.False(ledger.Covers(21));
        Assert.False(ledger.Covers(9));
    }

    [Fact]
    public void Chunks_SplitIntoIntervalPieces()
    {
        var chunks = CoverageLedger.Chunks(TimeWindow.FromMilliseconds(0, 24), TimeSpan.FromMilliseconds(10)).ToList();

        Assert.Equal([TimeWindow.FromMilliseconds(0, 9), TimeWindow.FromMilliseconds(10, 19), TimeWindow.FromMilliseconds(20, 24)], chunks);
    }

    [Fact]
    public void TrimBefore_CutsFirstRange()
    {
        var ledger = new CoverageLedger([(0, 10), (20, 30)]);

        ledger.TrimBefore(25);

        Assert.Equal([(25L, 30L)], ledger.Ranges);
    }
}
