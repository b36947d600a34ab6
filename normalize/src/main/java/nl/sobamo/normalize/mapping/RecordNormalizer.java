package nl.sobamo.normalize.mapping;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.catalog.IndicatorCatalog.BoundMapping;
import nl.sobamo.catalog.IndicatorDefinition;
import nl.sobamo.catalog.SourceMapping;
import nl.sobamo.catalog.Unit;
import nl.sobamo.normalize.area.AreaCode;
import nl.sobamo.normalize.area.AreaHarmonizer;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.schemas.SourceRef;

/**
 * Turns one raw record into canonical observations, driven only by the catalog. A record is all or nothing:
 * one unparseable or implausible value sends the whole record to the dead-letter topic, so a half-read record
 * never feeds the tables.
 */
public final class RecordNormalizer {

    /** Field by which sources without area codes (Iv3) name their municipality. */
    public static final String MUNICIPALITY_NAME_FIELD = "gemeente";
    /** Field by which a pushed record says its values are estimates ({@code true}/{@code false}). */
    public static final String ESTIMATED_FIELD = "estimated";
    /** Observation schema version this normalizer writes (2: denominator, direction, harmonisation parts). */
    public static final int SCHEMA_VERSION = 2;

    private final IndicatorCatalog catalog;
    private final MunicipalityDirectory directory;
    private final AreaHarmonizer harmonizer;
    private final Clock clock;
    private final MappingIndex index;

    public RecordNormalizer(IndicatorCatalog catalog, MunicipalityDirectory directory, AreaHarmonizer harmonizer, Clock clock) {
        this.catalog = catalog;
        this.index = new MappingIndex(catalog);
        this.directory = directory;
        this.harmonizer = harmonizer;
        this.clock = clock;
    }

    /** With the bundled herindelingen reference. */
    public RecordNormalizer(IndicatorCatalog catalog, MunicipalityDirectory directory, Clock clock) {
        this(catalog, directory, AreaHarmonizer.loadDefault(), clock);
    }

    public IndicatorCatalog catalog() {
        return catalog;
    }

    public AreaHarmonizer harmonizer() {
        return harmonizer;
    }

    public NormalizeResult normalize(RawRecord raw) {
        if (!index.mapsSource(raw.getSource())) {
            return new NormalizeResult.Failed(new MappingFailure(ReasonCode.UNMAPPED_MEASURE, null,
                    "source '" + raw.getSource() + "' has no mapping in indicator catalog " + catalog.version()));
        }
        try {
            String year = year(raw.getPeriod());
            int classification = index.classificationYear(raw.getSource(), raw.getDataset(), Integer.parseInt(year));
            AreaCode area = resolveArea(raw, classification);
            if (!area.isMunicipality() && !directory.isKnown(area.municipalityCode())) {
                return new NormalizeResult.Skipped("area " + area.code() + " lies in dissolved municipality "
                        + area.municipalityCode() + "; harmonisation works on municipalities only");
            }
            List<BoundMapping> mappings = index.mappingsFor(raw);
            List<Observation> observations = new ArrayList<>(mappings.size());
            MappingIndex.KeyLayout keys = null; // only prefix mappings need it
            int missing = 0;
            for (BoundMapping bound : mappings) {
                if (!bound.indicator().appliesToLevel(area.level())) {
                    continue;
                }
                if (keys == null && bound.mapping().field() == null && !bound.mapping().isRecordCount()) {
                    keys = index.layout(raw);
                }
                Extracted value = extract(raw.getFields(), keys, bound.mapping());
                if (value == null) {
                    missing++;
                    continue;
                }
                checkPlausible(bound.indicator(), bound.mapping(), value);
                observations.add(observation(raw, area, year, bound, value));
            }
            if (observations.isEmpty()) {
                return new NormalizeResult.Skipped(mappings.isEmpty()
                        ? "no catalog indicator reads this record (dataset " + raw.getDataset() + ", dimensions)"
                        : "no catalog indicator has a value (" + missing + " missing)");
            }
            return new NormalizeResult.Observations(observations, missing, classification);
        } catch (MappingFailure failure) {
            return new NormalizeResult.Failed(failure);
        }
    }

    private AreaCode resolveArea(RawRecord raw, int classification) throws MappingFailure {
        if (raw.getAreaCode() != null) {
            AreaCode area = AreaCode.parse(raw.getAreaCode()).orElseThrow(() -> new MappingFailure(
                    ReasonCode.UNKNOWN_AREA, "areaCode", "'" + raw.getAreaCode() + "' is no GM, WK or BU code"));
            if (!harmonizer.existedIn(area.municipalityCode(), classification, directory)) {
                throw new MappingFailure(ReasonCode.UNKNOWN_AREA, "areaCode", "municipality " + area.municipalityCode()
                        + " of area " + area.code() + " is not in the municipal classification of " + classification);
            }
            return area;
        }
        String name = raw.getFields().get(MUNICIPALITY_NAME_FIELD);
        String code = directory.codeForName(name).orElseThrow(() -> new MappingFailure(ReasonCode.UNKNOWN_AREA,
                MUNICIPALITY_NAME_FIELD, "municipality name '" + name + "' is not in the municipality directory"));
        return AreaCode.parse(code).orElseThrow();
    }

    /** A value read from a record, with its margins where the source gives them. */
    record Extracted(double value, String sourceValue, Double lower, Double upper) {
    }

    private static Extracted extract(Map<String, String> fields, MappingIndex.KeyLayout keys, SourceMapping mapping) throws MappingFailure {
        if (deliveredNothing(fields, mapping.missingWhenAllZero())) {
            return null;
        }
        if (mapping.isRecordCount()) {
            return new Extracted(1.0, "1", null, null);
        }
        if (mapping.isSum()) {
            double sum = 0;
            boolean any = false;
            for (String key : keys.matching(mapping)) {
                OptionalDouble v = ValueParser.parse(key, fields.get(key));
                if (v.isPresent()) {
                    sum += v.getAsDouble();
                    any = true;
                }
            }
            return any ? new Extracted(sum * mapping.scale(), format(sum), null, null) : null;
        }
        String key = mapping.field();
        if (key == null) {
            List<String> matched = keys.matching(mapping);
            if (matched.size() > 1) {
                throw new MappingFailure(ReasonCode.UNMAPPED_MEASURE, mapping.fieldPrefix(),
                        "prefix '" + mapping.fieldPrefix() + "' matches several fields " + matched);
            }
            if (matched.isEmpty()) {
                return null;
            }
            key = matched.get(0);
        }
        OptionalDouble v = ValueParser.parse(key, fields.get(key));
        if (v.isEmpty()) {
            return null;
        }
        if (mapping.isRatio()) {
            OptionalDouble d = ValueParser.parse(mapping.denominatorField(), fields.get(mapping.denominatorField()));
            if (d.isEmpty() || d.getAsDouble() == 0.0) {
                return null; // no respondents: no share, not a share of zero
            }
            if (d.getAsDouble() < 0 || v.getAsDouble() < 0 || v.getAsDouble() > d.getAsDouble()) {
                throw new MappingFailure(ReasonCode.OUT_OF_RANGE, key, "ratio " + key + " / " + mapping.denominatorField()
                        + " = " + format(v.getAsDouble()) + " / " + format(d.getAsDouble()) + ": the part exceeds the whole or is negative");
            }
            return new Extracted(v.getAsDouble() / d.getAsDouble() * mapping.scale(),
                    format(v.getAsDouble()) + "/" + format(d.getAsDouble()), null, null);
        }
        OptionalDouble lower = ValueParser.parse(key + SourceMapping.LOWER_SUFFIX, fields.get(key + SourceMapping.LOWER_SUFFIX));
        OptionalDouble upper = ValueParser.parse(key + SourceMapping.UPPER_SUFFIX, fields.get(key + SourceMapping.UPPER_SUFFIX));
        return new Extracted(v.getAsDouble() * mapping.scale(), format(v.getAsDouble()),
                lower.isPresent() ? lower.getAsDouble() * mapping.scale() : null,
                upper.isPresent() ? upper.getAsDouble() * mapping.scale() : null);
    }

    private static boolean startsWithAny(String key, List<String> prefixes) {
        for (int i = 0, n = prefixes.size(); i < n; i++) {
            if (key.startsWith(prefixes.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean deliveredNothing(Map<String, String> fields, List<String> prefixes) throws MappingFailure {
        if (prefixes.isEmpty()) {
            return false;
        }
        boolean anyField = false;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (startsWithAny(e.getKey(), prefixes)) {
                anyField = true;
                OptionalDouble v = ValueParser.parse(e.getKey(), e.getValue());
                if (v.isPresent() && v.getAsDouble() != 0.0) {
                    return false;
                }
            }
        }
        return anyField;
    }

    /** Plausibility: the unit's rule (percent 0–100, counts ≥ 0, ...), the catalog's range, and lower ≤ value ≤ upper. */
    private static void checkPlausible(IndicatorDefinition indicator, SourceMapping mapping, Extracted v) throws MappingFailure {
        String field = mapping.describeField();
        Unit unit = indicator.unitValue();
        for (Double x : new Double[] {v.value(), v.lower(), v.upper()}) {
            if (x == null) {
                continue;
            }
            if (!unit.plausible(x)) {
                throw new MappingFailure(ReasonCode.OUT_OF_RANGE, field, "indicator " + indicator.id() + " value "
                        + x + " is outside the plausible range " + unit.rule() + " of unit " + unit);
            }
            if (indicator.plausible() != null && !indicator.plausible().contains(x)) {
                throw new MappingFailure(ReasonCode.OUT_OF_RANGE, field, "indicator " + indicator.id() + " value "
                        + x + " is outside its plausible range " + indicator.plausible());
            }
        }
        if ((v.lower() != null && v.lower() > v.value()) || (v.upper() != null && v.upper() < v.value())) {
            throw new MappingFailure(ReasonCode.OUT_OF_RANGE, field, "indicator " + indicator.id() + " value "
                    + v.value() + " lies outside its own interval [" + v.lower() + ", " + v.upper() + "]");
        }
    }

    private Observation observation(RawRecord raw, AreaCode area, String year, BoundMapping bound, Extracted v) {
        IndicatorDefinition indicator = bound.indicator();
        SourceMapping mapping = bound.mapping();
        String id = mapping.identityPerRecord()
                ? ObservationIds.of(indicator.id(), area.code(), year, raw.getSource(), raw.getDataset(), raw.getRecordId())
                : ObservationIds.of(indicator.id(), area.code(), year, raw.getSource(), raw.getDataset());
        // The all-args constructors, not the builders: a builder validates every field and deep-copies the schema
        // defaults of the unset ones (looked up by field hash) for each of the ~3 observations per raw record. Every
        // value below is the one the builder gave, including the defaults (no original area code, no parts).
        SourceRef source = new SourceRef(raw.getSource(), raw.getDataset(), raw.getPeriod(), raw.getRecordId(),
                raw.getFetchedAt(), id);
        return new Observation(id, indicator.id(), area.municipalityCode(), area.code(), indicator.sphere(),
                indicator.ingredient(), indicator.kind(), year,
                "JANUARY_1".equals(mapping.referenceDate()) ? year + "-01-01" : null,
                v.value(), indicator.unit(), v.lower(), v.upper(), source, v.sourceValue(), mapping.sourceUnit(),
                false, catalog.version(), clock.instant(), SCHEMA_VERSION, indicator.denominator(),
                indicator.direction(), estimated(raw.getFields().get(ESTIMATED_FIELD)), null, new ArrayList<>(0));
    }

    private static Boolean estimated(String flag) {
        if (flag == null) {
            return null;
        }
        return switch (flag.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> Boolean.TRUE;
            case "false", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Sources write periods as {@code 2024}, {@code 2024JJ00} or {@code 2023005}; observations use the year. */
    static String year(String period) throws MappingFailure {
        if (period == null || period.length() < 4 || !period.substring(0, 4).chars().allMatch(Character::isDigit)) {
            throw new MappingFailure(ReasonCode.UNPARSEABLE_VALUE, "period", "period '" + period + "' has no year");
        }
        return period.substring(0, 4);
    }
}
