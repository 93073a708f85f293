using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Vigil.Read;

/// <summary>
/// Reads a raw record's bytes once, without building a tree, for what a hunt needs before it decides
/// to parse the record, and what the store indexes: its canonical content hash and its <c>eventName</c>,
/// <c>eventSource</c>, <c>eventTime</c> and <c>eventID</c>. For the store the hash is
/// <see cref="CanonicalJsonHash"/>'s, which is kept on disk; for a hunt it is <see cref="QuickContentHash"/>'s.
/// </summary>
/// <remarks>
/// A scan succeeds only for a record that <see cref="RecordParser"/> and
/// <see cref="RecordEnvelopes"/> would turn into exactly one event: valid UTF-8 and JSON, an object
/// with a top-level <c>eventName</c> or <c>eventTime</c> (so neither a wrapper nor a digest file),
/// and no repeated key in any object. Any other record fails the scan and takes the parsing path,
/// which reports it. Strings are compared unescaped, so escaped and plain forms of a value agree.
/// One scanner is reused record after record and is not thread-safe.
/// </remarks>
internal sealed partial class RecordScanner
{
    private const int LengthPrefix = sizeof(int);
    private const int ContainerEncodingLength = 1 + 16;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = JsonTokenCursor.MaxDepth };

    // Stacks shared by all open containers: member hashes of objects and bytes (the current key of
    // each object, the element encodings of each array).
    private UInt128[] _members = new UInt128[128];
    private int _memberCount;
    private readonly ObjectKeySet _keys = new();
    private int _objects;
    private byte[] _bytes = new byte[4096];
    private int _byteCount;
    private Frame[] _frames = new Frame[16];
    private int _depth;
    private byte[] _unescaped = new byte[1024];
    private byte[] _composed = new byte[1024];
    private TopLevel _topLevel;
    private UInt128 _root;
    private readonly bool _forHunt;
    private readonly bool _keepsEventTime;
    private readonly Utf8Interner _names = new();

    /// <param name="purpose">
    /// For <see cref="ScanPurpose.Hunt"/>, the content hash is <see cref="QuickContentHash"/>'s, and
    /// <see cref="RecordFacts.EventTime"/> and <see cref="RecordFacts.EventId"/> carry their kind but
    /// no text: a hunt reads neither, and leaving them out saves two strings per record.
    /// <see cref="ScanPurpose.HuntWithEventTime"/> keeps the text of <see cref="RecordFacts.EventTime"/>.
    /// </param>
    public RecordScanner(ScanPurpose purpose = ScanPurpose.Store)
    {
        _forHunt = purpose is ScanPurpose.Hunt or ScanPurpose.HuntWithEventTime;
        _keepsEventTime = purpose != ScanPurpose.Hunt;
    }

    /// <summary>
    /// Scans with <see cref="Utf8JsonReader"/> only, never with the tokenizer that goes first; for
    /// tests and probes that compare the two.
    /// </summary>
    internal bool ReaderOnly { get; init; }

    /// <summary>How many valid UTF-8 records were scanned with <see cref="Utf8JsonReader"/> because the tokenizer declined them.</summary>
    internal long ReaderScans { get; private set; }

    /// <summary>Scans <paramref name="json"/>, or returns <c>false</c> when the record needs the parsing path.</summary>
    public bool TryScan(ReadOnlySpan<byte> json, out RecordFacts facts)
    {
        facts = default;
        Reset();
        if (!ReaderOnly && TryTokenize(json))
        {
            return Facts(out facts);
        }

        if (!Utf8.IsValid(json))
        {
            return false;
        }

        ReaderScans++;
        Reset();
        var sanitized = LoneSurrogates.Replace(json);
        try
        {
            if (!Scan(sanitized ?? json))
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Unescaping an invalid string throws InvalidOperationException, and the parser reports the string.
            return false;
        }

        return Facts(out facts);
    }

    /// <summary>Returns the facts of a record scanned to its end, or <c>false</c> when it is not an event.</summary>
    private bool Facts(out RecordFacts facts)
    {
        facts = default;
        if (!_topLevel.HasEventNameOrTime)
        {
            return false;
        }

        facts = new RecordFacts(_topLevel.HasStringEventId ? _root : null, _topLevel.EventName, _topLevel.EventSource, _topLevel.EventTime, _topLevel.EventId);
        return true;
    }

    private void Reset()
    {
        _memberCount = 0;
        _keys.Clear();
        _keyCount = 0;
        _objects = 0;
        _byteCount = 0;
        _depth = 0;
        _topLevel = new TopLevel();
    }

    private bool Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        Push(isObject: true);
        var values = 1;
        while (reader.Read())
        {
            // A record over the value limit takes the parsing path, which reports it.
            if ((RecordLimits.IsValue(reader.TokenType) && ++values > RecordLimits.MaxRecordValues) || !Step(ref reader))
            {
                return false;
            }
        }

        return _depth == 0;
    }

    private bool Step(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                NoteTopLevel(TopLevelValue.Other);
                Push(reader.TokenType == JsonTokenType.StartObject);
                return true;

            case JsonTokenType.PropertyName:
                return Key(Unescaped(ref reader));

            case JsonTokenType.EndObject:
                EndObject();
                return true;

            case JsonTokenType.EndArray:
                EndArray();
                return true;

            case JsonTokenType.String:
                CompleteString(Unescaped(ref reader));
                return true;

            case JsonTokenType.Null:
                NoteTopLevel(TopLevelValue.Other);
                CompleteScalar(CanonicalJsonHash.NullKind, []);
                return true;

            default:
                NoteTopLevel(TopLevelValue.Other);
                CompleteScalar(CanonicalJsonHash.OtherKind, reader.ValueSpan);
                return true;
        }
    }

    /// <summary>Starts a member, or returns <c>false</c> when its object already has this key.</summary>
    private bool Key(ReadOnlySpan<byte> key)
    {
        ref var frame = ref _frames[_depth - 1];
        var fingerprint = QuickContentHash.OfKey(key);
        if (_forHunt)
        {
            frame.KeyHash = fingerprint;
        }
        else
        {
            _byteCount = frame.ByteStart;
            Append(key);
            frame.KeyLength = key.Length;
        }

        // Equal fingerprints almost always mean a repeated key, and the parser decides.
        if (!AddKey(ref frame, fingerprint))
        {
            return false;
        }

        if (_depth == 1)
        {
            _topLevel.Classify(key);
        }

        return true;
    }

    /// <summary>Adds a string value to the open container, and notes it when it is a top-level field the facts keep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CompleteString(ReadOnlySpan<byte> text)
    {
        if (!_forHunt)
        {
            NoteTopLevelString(text, 0);
            Complete(CanonicalJsonHash.StringKind, text);
            return;
        }

        // The value's hash also keys the hunt's routing, so it is computed once for both.
        var hash = QuickContentHash.OfScalar(CanonicalJsonHash.StringKind, text);
        NoteTopLevelString(text, hash);
        AddQuick(hash);
    }

    // Called for every string at every depth, so the test that almost always fails is inlined.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NoteTopLevelString(ReadOnlySpan<byte> text, ulong hash)
    {
        if (_depth == 1 && _topLevel.Current != TopLevel.Field.None)
        {
            NoteTopLevelField(text, hash);
        }
    }

    private void NoteTopLevelField(ReadOnlySpan<byte> text, ulong hash)
    {
        var field = _topLevel.Current;
        if (_forHunt && field is TopLevel.Field.EventName or TopLevel.Field.EventSource)
        {
            _topLevel.Note(RoutingValue(field, text, hash));
            return;
        }

        // Event names and sources repeat record after record, so their strings are shared; times and
        // ids are new each time.
        var value = field switch
        {
            TopLevel.Field.EventName or TopLevel.Field.EventSource => _names.GetString(text),
            TopLevel.Field.EventTime when _keepsEventTime => Encoding.UTF8.GetString(text),
            _ when !_forHunt => Encoding.UTF8.GetString(text),
            _ => null,
        };
        _topLevel.Note(new TopLevelValue(TopLevelValueKind.String, value));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NoteTopLevel(TopLevelValue value)
    {
        if (_depth == 1 && _topLevel.Current != TopLevel.Field.None)
        {
            _topLevel.Note(value);
        }
    }

    private void Push(bool isObject)
    {
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_depth++] = new Frame { IsObject = isObject, Number = isObject ? _objects++ : 0, MemberStart = _memberCount, ByteStart = _byteCount, KeyStart = _keyCount };
    }

    private void EndObject()
    {
        var frame = _frames[--_depth];
        _keyCount = frame.KeyStart;
        if (_forHunt)
        {
            CompleteQuick(QuickContentHash.OfObject(frame.Sum, frame.Count));
            return;
        }

        var hash = CanonicalJsonHash.OfObject(_members.AsSpan(frame.MemberStart, _memberCount - frame.MemberStart));
        _memberCount = frame.MemberStart;
        _byteCount = frame.ByteStart;
        CompleteContainer(CanonicalJsonHash.ObjectKind, hash);
    }

    private void EndArray()
    {
        var frame = _frames[--_depth];
        if (_forHunt)
        {
            CompleteQuick(QuickContentHash.OfArray(frame.Sum, frame.Count));
            return;
        }

        var hash = CanonicalJsonHash.OfArray(_bytes.AsSpan(frame.ByteStart, _byteCount - frame.ByteStart));
        _byteCount = frame.ByteStart;
        CompleteContainer(CanonicalJsonHash.ArrayKind, hash);
    }

    private void CompleteContainer(byte kind, UInt128 hash)
    {
        if (_depth == 0)
        {
            _root = hash;
            return;
        }

        Span<byte> encoded = stackalloc byte[ContainerEncodingLength];
        CanonicalJsonHash.EncodeContainer(kind, hash, encoded);
        Complete(encoded[0], encoded[1..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CompleteScalar(byte kind, ReadOnlySpan<byte> text)
    {
        if (_forHunt)
        {
            AddQuick(QuickContentHash.OfScalar(kind, text));
            return;
        }

        Complete(kind, text);
    }

    private void CompleteQuick(ulong hash)
    {
        if (_depth == 0)
        {
            _root = hash;
            return;
        }

        AddQuick(hash);
    }

    /// <summary>Adds a value's quick hash to the open container: to an object's sum, or to an array's chain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddQuick(ulong value)
    {
        ref var frame = ref _frames[_depth - 1];
        frame.Sum = frame.IsObject ? frame.Sum + QuickContentHash.OfMember(frame.KeyHash, value) : QuickContentHash.Chain(frame.Sum, value);
        frame.Count++;
    }

    /// <summary>Adds a value, given as its kind byte and the rest of its encoding, to the open container.</summary>
    private void Complete(byte kind, ReadOnlySpan<byte> rest)
    {
        var frame = _frames[_depth - 1];
        if (!frame.IsObject)
        {
            AppendLength(1 + rest.Length);
            Append([kind]);
            Append(rest);
            return;
        }

        var key = _bytes.AsSpan(frame.ByteStart, frame.KeyLength);
        var length = LengthPrefix + key.Length + 1 + rest.Length;
        if (_composed.Length < length)
        {
            _composed = new byte[Math.Max(length, _composed.Length * 2)];
        }

        BinaryPrimitives.WriteInt32LittleEndian(_composed, key.Length);
        key.CopyTo(_composed.AsSpan(LengthPrefix));
        _composed[LengthPrefix + key.Length] = kind;
        rest.CopyTo(_composed.AsSpan(LengthPrefix + key.Length + 1));

        if (_memberCount == _members.Length)
        {
            Array.Resize(ref _members, _members.Length * 2);
        }

        _members[_memberCount++] = CanonicalJsonHash.OfMember(_composed.AsSpan(0, length));
    }

    private void AppendLength(int length)
    {
        Span<byte> prefix = stackalloc byte[LengthPrefix];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
        Append(prefix);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_bytes.Length - _byteCount < bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _byteCount + bytes.Length));
        }

        bytes.CopyTo(_bytes.AsSpan(_byteCount));
        _byteCount += bytes.Length;
    }

    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        if (_unescaped.Length < reader.ValueSpan.Length)
        {
            _unescaped = new byte[Math.Max(reader.ValueSpan.Length, _unescaped.Length * 2)];
        }

        var length = reader.CopyString(_unescaped);
        return _unescaped.AsSpan(0, length);
    }

    /// <summary>One open object or array.</summary>
    private struct Frame
    {
        public bool IsObject;

        /// <summary>The first member hash of this object on the member stack.</summary>
        public int MemberStart;

        /// <summary>An object's number within the record, which keeps its keys apart from another object's.</summary>
        public int Number;

        /// <summary>Where an object's key fingerprints start on the key stack.</summary>
        public int KeyStart;

        /// <summary>
        /// One bit for each of an object's keys on the key stack, chosen by the top 6 bits of its
        /// fingerprint. A new key whose bit is clear is compared with no other key.
        /// </summary>
        public ulong KeyFilter;

        /// <summary>Whether an object's keys are in <see cref="ObjectKeySet"/> rather than on the key stack.</summary>
        public bool KeysInSet;

        /// <summary>Where this container's bytes start: an object's current key, an array's element encodings.</summary>
        public int ByteStart;

        /// <summary>The length of an object's current key.</summary>
        public int KeyLength;

        /// <summary>For a hunt: the quick hash of an object's current key.</summary>
        public ulong KeyHash;

        /// <summary>For a hunt: an object's sum of member hashes, or an array's running hash.</summary>
        public ulong Sum;

        /// <summary>For a hunt: the number of members or elements so far.</summary>
        public int Count;
    }
}
