namespace Vigil.Read;

internal sealed partial class RecordScanner
{
    /// <summary>The record's top-level fields that a hunt reads before parsing.</summary>
    private struct TopLevel
    {
        public Field Current;
        public bool HasEventNameOrTime;
        public bool HasStringEventId;
        public TopLevelValue EventName;
        public TopLevelValue EventSource;
        public TopLevelValue EventTime;
        public TopLevelValue EventId;

        public TopLevel()
        {
            EventName = TopLevelValue.Absent;
            EventSource = TopLevelValue.Absent;
            EventTime = TopLevelValue.Absent;
            EventId = TopLevelValue.Absent;
        }

        public enum Field : byte
        {
            None,
            EventName,
            EventSource,
            EventTime,
            EventId,
        }

        /// <summary>Notes which field the value after top-level key <paramref name="key"/> belongs to.</summary>
        public void Classify(ReadOnlySpan<byte> key)
        {
            // The length rules out most of the 20 or so top-level keys before any byte is compared.
            Current = key.Length switch
            {
                9 when key.SequenceEqual("eventName"u8) => Field.EventName,
                9 when key.SequenceEqual("eventTime"u8) => Field.EventTime,
                11 when key.SequenceEqual("eventSource"u8) => Field.EventSource,
                7 when key.SequenceEqual("eventID"u8) => Field.EventId,
                _ => Field.None,
            };
            HasEventNameOrTime |= Current is Field.EventName or Field.EventTime;
        }

        /// <summary>Records the value of the current top-level field.</summary>
        public void Note(TopLevelValue value)
        {
            if (Current == Field.EventName)
            {
                EventName = value;
            }
            else if (Current == Field.EventSource)
            {
                EventSource = value;
            }
            else if (Current == Field.EventTime)
            {
                EventTime = value;
            }
            else if (Current == Field.EventId)
            {
                EventId = value;
            }

            HasStringEventId |= Current == Field.EventId && value.Kind == TopLevelValueKind.String;
            Current = Field.None;
        }
    }
}
