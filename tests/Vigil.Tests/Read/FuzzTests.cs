using System.Text;
using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

/// <summary>Damaged input of every container kind: the reader must never throw and must account for what it reads.</summary>
public class FuzzTests
{
    private static readonly string[] Samples =
    [
        $$"""{"Records":[{{Record(1)}},{{Record(2, ",\"requestParameters\":{\"a\":[1,2,{\"b\":null}]}")}},{{Record(3)}}]}""",
        $"[\n  {Record(1)},\n  {Record(2)}\n]\n",
        $"{Record(1)}\n{Record(2)}\n{Record(3)}\n",
        Record(9),
    ];

    [Fact]
    public void DamagedInputNeverThrows()
    {
        var random = new Random(20261204);
        for (var iteration = 0; iteration < 3000; iteration++)
        {
            var bytes = Encoding.UTF8.GetBytes(Samples[iteration % Samples.Length]).ToList();
            Damage(bytes, random);
            var input = iteration % 5 == 0 ? Gzip(Encoding.UTF8.GetString(bytes.ToArray())) : bytes.ToArray();

            var items = ReadAll(input);

            Assert.All(items, item => Assert.True(item.Outcome == ReadOutcome.Record ? item.Record is not null : item.Reason is not null));
            Assert.True(items.Count <= bytes.Count + 1, $"{items.Count} items from {bytes.Count} bytes");
        }
    }

    [Fact]
    public void TruncatedAtEveryByte()
    {
        var text = Samples[0];
        for (var length = 0; length < text.Length; length++)
        {
            var items = ReadAll(text[..length]);

            Assert.NotEmpty(items);
            Assert.True(length == text.Length - 1 || items[^1].Outcome != ReadOutcome.Record, $"length {length}");
        }
    }

    private static void Damage(List<byte> bytes, Random random)
    {
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 1:
                    bytes[at] = (byte)"{}[]\",:\n x0"[random.Next(11)];
                    break;
                case 2:
                    bytes.Insert(at, (byte)"{}[]\",:\n"[random.Next(8)]);
                    break;
                default:
                    bytes.RemoveAt(at);
                    break;
            }
        }
    }
}
