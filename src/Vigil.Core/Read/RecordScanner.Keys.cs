using System.Runtime.CompilerServices;

namespace Vigil.Read;

internal sealed partial class RecordScanner
{
    // A generated CloudTrail record has about 31 keys in 4 or 5 objects, and its largest object, the
    // record itself, about 18 (vigil-generate draws them from the distributions of real records).
    private const int InlineKeyCount = 32;

    // The key fingerprints of the open objects that have at most InlineKeyCount keys, innermost last.
    private ulong[] _keyStack = new ulong[256];
    private int _keyCount;

    /// <summary>Adds a key's fingerprint to the open object, or returns <c>false</c> when the object already has it.</summary>
    /// <remarks>
    /// An object's first <see cref="InlineKeyCount"/> keys stay on the key stack, and a new key is
    /// compared with the others only when its bit in <see cref="Frame.KeyFilter"/> is set already. With
    /// <see cref="ObjectKeySet"/> alone the check took 9 % of a hunt's scan, and 3 % this way (perf, on
    /// generated records). A larger object moves its keys to that set, so each key costs at most
    /// <see cref="InlineKeyCount"/> comparisons plus an insert, and a record crafted with many keys in
    /// one object stays linear in its size. The fingerprints are keyed per process, so a record's
    /// author cannot choose keys that share a bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool AddKey(ref Frame frame, ulong fingerprint)
    {
        if (!frame.KeysInSet)
        {
            var count = _keyCount - frame.KeyStart;
            if (count < InlineKeyCount)
            {
                return AddInline(ref frame, count, fingerprint);
            }

            MoveKeysToSet(ref frame);
        }

        return _keys.Add(frame.Number, fingerprint);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool AddInline(ref Frame frame, int count, ulong fingerprint)
    {
        var bit = 1UL << (int)(fingerprint >> 58);
        if ((frame.KeyFilter & bit) != 0 && _keyStack.AsSpan(frame.KeyStart, count).Contains(fingerprint))
        {
            return false;
        }

        frame.KeyFilter |= bit;
        if (_keyCount == _keyStack.Length)
        {
            Array.Resize(ref _keyStack, _keyStack.Length * 2);
        }

        _keyStack[_keyCount++] = fingerprint;
        return true;
    }

    /// <summary>Moves the open object's keys, which are on top of the key stack, to <see cref="ObjectKeySet"/>.</summary>
    private void MoveKeysToSet(ref Frame frame)
    {
        foreach (var key in _keyStack.AsSpan(frame.KeyStart, _keyCount - frame.KeyStart))
        {
            _keys.Add(frame.Number, key);
        }

        _keyCount = frame.KeyStart;
        frame.KeysInSet = true;
    }
}
