package nl.sobamo.aggregate.district;

import java.util.Set;
import nl.sobamo.schemas.Observation;

/**
 * Which table an observation feeds; every observation has exactly one home, or a named reason why it has none.
 * Used by the topology's branches and by the run's reconciliation line, so both count the same way.
 */
public enum ObservationHome {
    /** Municipality-level observation: {@code sobamo.tables.indicators.v1} (and from there benchmarks). */
    MUNICIPALITY_TABLE,
    /** Pushed record (any area level inside the municipality), combined per municipality: indicator table. */
    MUNICIPALITY_TABLE_FROM_RECORDS,
    /** District (WK) or neighbourhood (BU) observation: {@code sobamo.tables.districts.v1}. */
    DISTRICT_TABLE,
    /** No table: the area code is no municipality, district or neighbourhood code (normalize dead-letters these). */
    NONE_UNKNOWN_AREA_LEVEL;

    public static ObservationHome of(Observation o, Set<String> recordSources) {
        if (recordSources.contains(o.getSource().getSource())) {
            return MUNICIPALITY_TABLE_FROM_RECORDS;
        }
        if (o.getAreaCode().equals(o.getMunicipalityCode())) {
            return MUNICIPALITY_TABLE;
        }
        String level = areaLevel(o.getAreaCode());
        return "WK".equals(level) || "BU".equals(level) ? DISTRICT_TABLE : NONE_UNKNOWN_AREA_LEVEL;
    }

    public boolean feedsMunicipalityRows() {
        return this == MUNICIPALITY_TABLE || this == MUNICIPALITY_TABLE_FROM_RECORDS;
    }

    static String areaLevel(String areaCode) {
        return areaCode == null || areaCode.length() < 2 ? "" : areaCode.substring(0, 2);
    }
}
