using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Rules.Lint;

/// <summary>
/// The addresses that exact values on an <c>ip</c> field allow, as CIDR blocks in Elasticsearch's
/// 128-bit address space. A single address is a /128 block, and IPv4 sits in the IPv4-mapped range,
/// so <c>10.0.0.1</c>, <c>10.0.0.1/32</c> and <c>::ffff:10.0.0.1</c> are one block.
/// </summary>
/// <remarks>
/// Two CIDR blocks are either disjoint or one contains the other, so the intersection of two sets of
/// blocks is again a set of blocks, each one of the values as written.
/// </remarks>
internal sealed class AddressBlocks
{
    private readonly IReadOnlyList<Block> _blocks;

    private AddressBlocks(IReadOnlyList<Block> blocks) => _blocks = blocks;

    public bool IsEmpty => _blocks.Count == 0;

    /// <summary>The values of the blocks, as the query writes them.</summary>
    public IEnumerable<string> Values => _blocks.Select(block => block.Text);

    /// <summary>
    /// Returns the blocks of <paramref name="values"/>, or null when a value is neither an address nor
    /// a CIDR block. The value type check reports such a value, and no contradiction is decided on it.
    /// </summary>
    public static AddressBlocks? Parse(IEnumerable<string> values)
    {
        var blocks = new List<Block>();
        foreach (var value in values)
        {
            if (IpValue.TryParseCidr(value, out var network, out var prefixBits))
            {
                blocks.Add(new Block(network, prefixBits, value));
            }
            else if (IpValue.TryParse(value, out var address))
            {
                blocks.Add(new Block(address, 128, value));
            }
            else
            {
                return null;
            }
        }

        return new AddressBlocks(blocks);
    }

    /// <summary>Returns the blocks of addresses that both sets allow: the narrower of each pair of overlapping blocks.</summary>
    public AddressBlocks Intersect(AddressBlocks other)
    {
        var common = new List<Block>();
        foreach (var block in _blocks)
        {
            foreach (var otherBlock in other._blocks)
            {
                var narrower = block.Contains(otherBlock) ? otherBlock : otherBlock.Contains(block) ? block : null;
                if (narrower is not null && !common.Any(kept => kept.SameRange(narrower)))
                {
                    common.Add(narrower);
                }
            }
        }

        return new AddressBlocks(common);
    }

    private sealed record Block(UInt128 Network, int PrefixBits, string Text)
    {
        public bool Contains(Block other) =>
            PrefixBits <= other.PrefixBits && IpValue.NetworkOf(other.Network, PrefixBits) == Network;

        public bool SameRange(Block other) => Network == other.Network && PrefixBits == other.PrefixBits;
    }
}
