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
            Current = Field.None;
            if (key.SequenceEqual("eventName"u8))
            {
                HasEventNameOrTime = true;
                Current = Field.EventName;
            }
            else if (key.SequenceEqual("eventTime"u8))
            {
                HasEventNameOrTime = true;
                Current = Field.EventTime;
            }
            else if (key.SequenceEqual("eventSource"u8))
            {
                Current = Field.EventSource;
            }
            else if (key.SequenceEqual("eventID"u8))
            {
                Current = Field.EventId;
            }
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
