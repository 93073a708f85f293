using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Vigil.Read;

/// <summary>
/// Reads a raw record's bytes once, without building a tree, for what a hunt needs before it decides
/// to parse the record: its canonical content hash and its <c>eventName</c> and <c>eventSource</c>.
/// </summary>
/// <remarks>
/// A scan succeeds only for a record that <see cref="RecordParser"/> and
/// <see cref="RecordEnvelopes"/> would turn into exactly one event: valid UTF-8 and JSON, an object
/// with a top-level <c>eventName</c> or <c>eventTime</c> (so neither a wrapper nor a digest file),
/// and no repeated key in any object. Any other record fails the scan and takes the parsing path,
/// which reports it. Strings are compared unescaped, so escaped and plain forms of a value agree.
/// One scanner is reused record after record and is not thread-safe.
/// </remarks>
internal sealed class RecordScanner
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = JsonTokenCursor.MaxDepth };

    private UInt128[] _values = new UInt128[128];
    private int _valueCount;
    private ulong[] _keys = new ulong[128];
    private int _keyCount;
    private Frame[] _frames = new Frame[16];
    private int _depth;
    private byte[] _scratch = new byte[1024];
    private TopField _topField;
    private bool _hasEventNameOrTime;
    private bool _hasStringEventId;
    private TopLevelValue _eventName;
    private TopLevelValue _eventSource;
    private UInt128 _root;

    private enum TopField : byte
    {
        None,
        EventName,
        EventSource,
        EventId,
    }

    /// <summary>Scans <paramref name="json"/>; returns <c>false</c> when the record needs the parsing path.</summary>
    public bool TryScan(ReadOnlySpan<byte> json, out RecordFacts facts)
    {
        facts = default;
        if (!Utf8.IsValid(json))
        {
            return false;
        }

        Reset();
        var sanitized = LoneSurrogates.Replace(json);
        try
        {
            if (!Scan(sanitized ?? json) || !_hasEventNameOrTime)
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException comes from unescaping an invalid string; the parser reports it.
            return false;
        }

        facts = new RecordFacts(_hasStringEventId ? _root : null, _eventName, _eventSource);
        return true;
    }

    private void Reset()
    {
        _valueCount = 0;
        _keyCount = 0;
        _depth = 0;
        _topField = TopField.None;
        _hasEventNameOrTime = false;
        _hasStringEventId = false;
        _eventName = TopLevelValue.Absent;
        _eventSource = TopLevelValue.Absent;
    }

    private bool Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        Push(isObject: true);
        while (reader.Read())
        {
            if (!Step(ref reader))
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
                Key(Unescaped(ref reader));
                return true;

            case JsonTokenType.EndObject:
                return EndObject();

            case JsonTokenType.EndArray:
                Complete(CanonicalJsonHash.OfArray(PopValues()));
                return true;

            case JsonTokenType.String:
                var text = Unescaped(ref reader);
                NoteTopLevelString(text);
                Complete(CanonicalJsonHash.OfString(text));
                return true;

            case JsonTokenType.Null:
                NoteTopLevel(TopLevelValue.Other);
                Complete(CanonicalJsonHash.Null);
                return true;

            default:
                NoteTopLevel(TopLevelValue.Other);
                Complete(CanonicalJsonHash.OfOtherScalar(reader.ValueSpan));
                return true;
        }
    }

    private void Key(ReadOnlySpan<byte> key)
    {
        var hash = CanonicalJsonHash.OfKey(key);
        _frames[_depth - 1].Key = hash;
        if (_keyCount == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        _keys[_keyCount++] = (ulong)hash;
        if (_depth == 1)
        {
            _topField = ClassifyTopLevelKey(key);
        }
    }

    private TopField ClassifyTopLevelKey(ReadOnlySpan<byte> key)
    {
        if (key.SequenceEqual("eventName"u8))
        {
            _hasEventNameOrTime = true;
            return TopField.EventName;
        }

        _hasEventNameOrTime |= key.SequenceEqual("eventTime"u8);
        if (key.SequenceEqual("eventSource"u8))
        {
            return TopField.EventSource;
        }

        return key.SequenceEqual("eventID"u8) ? TopField.EventId : TopField.None;
    }

    private void NoteTopLevelString(ReadOnlySpan<byte> text)
    {
        if (_depth != 1 || _topField == TopField.None)
        {
            return;
        }

        _hasStringEventId |= _topField == TopField.EventId;
        NoteTopLevel(new TopLevelValue(TopLevelValueKind.String, Encoding.UTF8.GetString(text)));
    }

    private void NoteTopLevel(TopLevelValue value)
    {
        if (_depth != 1)
        {
            return;
        }

        if (_topField == TopField.EventName)
        {
            _eventName = value;
        }
        else if (_topField == TopField.EventSource)
        {
            _eventSource = value;
        }

        _topField = TopField.None;
    }

    private void Push(bool isObject)
    {
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_depth++] = new Frame { ValueStart = _valueCount, KeyStart = _keyCount, IsObject = isObject };
    }

    /// <summary>Closes an object; returns <c>false</c> when it repeats a key.</summary>
    private bool EndObject()
    {
        var keys = _keys.AsSpan(_frames[_depth - 1].KeyStart, _keyCount - _frames[_depth - 1].KeyStart);
        keys.Sort();
        for (var i = 1; i < keys.Length; i++)
        {
            // Equal 64-bit key hashes almost always mean a repeated key, and the parser decides.
            if (keys[i] == keys[i - 1])
            {
                return false;
            }
        }

        _keyCount = _frames[_depth - 1].KeyStart;
        Complete(CanonicalJsonHash.OfObject(PopValues()));
        return true;
    }

    /// <summary>Pops the innermost frame and returns its values, valid until the next push of a value.</summary>
    private Span<UInt128> PopValues()
    {
        var start = _frames[--_depth].ValueStart;
        var values = _values.AsSpan(start, _valueCount - start);
        _valueCount = start;
        return values;
    }

    private void Complete(UInt128 hash)
    {
        if (_depth == 0)
        {
            _root = hash;
            return;
        }

        ref var frame = ref _frames[_depth - 1];
        if (_valueCount == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }

        _values[_valueCount++] = frame.IsObject ? CanonicalJsonHash.OfMember(frame.Key, hash) : hash;
    }

    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        if (_scratch.Length < reader.ValueSpan.Length)
        {
            _scratch = new byte[Math.Max(reader.ValueSpan.Length, _scratch.Length * 2)];
        }

        var length = reader.CopyString(_scratch);
        return _scratch.AsSpan(0, length);
    }

    private struct Frame
    {
        public int ValueStart;
        public int KeyStart;
        public bool IsObject;
        public UInt128 Key;
    }
}
