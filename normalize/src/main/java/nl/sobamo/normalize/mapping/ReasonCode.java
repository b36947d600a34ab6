package nl.sobamo.normalize.mapping;

/** Why a raw record went to the dead-letter topic. Stable codes: operators alert and count on them. */
public enum ReasonCode {
    /** The record names an area that is no known municipality, district or neighbourhood. */
    UNKNOWN_AREA,
    /** A value is neither a number nor a CBS missing-value marker. */
    UNPARSEABLE_VALUE,
    /** A value fails the plausibility rule of its unit (negative count, percentage above 100). */
    OUT_OF_RANGE,
    /** The record comes from a source the catalog does not map. */
    UNMAPPED_MEASURE,
    /** The bytes are no RawRecord in our wire format. */
    SCHEMA_ERROR
}
