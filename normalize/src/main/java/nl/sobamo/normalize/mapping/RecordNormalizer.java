package nl.sobamo.normalize.mapping;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import nl.sobamo.normalize.area.AreaCode;
import nl.sobamo.normalize.area.MunicipalityDirectory;
import nl.sobamo.normalize.catalog.IndicatorCatalog;
import nl.sobamo.normalize.catalog.IndicatorCatalog.BoundMapping;
import nl.sobamo.normalize.catalog.IndicatorDefinition;
import nl.sobamo.normalize.catalog.SourceMapping;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.schemas.SourceRef;

/**
 * Turns one raw record into canonical observations, driven only by the catalog. A record is all or nothing:
 * one unparseable value sends the whole record to the dead-letter topic, so a half-read record never feeds
 * the tables.
 */
public final class RecordNormalizer {

    /** Field by which sources without area codes (Iv3) name their municipality. */
    public static final String MUNICIPALITY_NAME_FIELD = "gemeente";

    private final IndicatorCatalog catalog;
    private final MunicipalityDirectory directory;
    private final Clock clock;

    public RecordNormalizer(IndicatorCatalog catalog, MunicipalityDirectory directory, Clock clock) {
        this.catalog = catalog;
        this.directory = directory;
        this.clock = clock;
    }

    public NormalizeResult normalize(RawRecord raw) {
        List<BoundMapping> mappings = catalog.mappingsFor(raw.getSource());
        if (mappings.isEmpty()) {
            return new NormalizeResult.Failed(new MappingFailure(ReasonCode.UNMAPPED_MEASURE, null,
                    "source '" + raw.getSource() + "' has no mapping in indicator catalog " + catalog.version()));
        }
        try {
            AreaCode area = resolveArea(raw);
            String year = year(raw.getPeriod());
            List<Observation> observations = new ArrayList<>();
            int missing = 0;
            for (BoundMapping bound : mappings) {
                if (!bound.indicator().appliesToLevel(area.level())) {
                    continue;
                }
                OptionalDouble value = extract(raw.getFields(), bound.mapping());
                if (value.isEmpty()) {
                    missing++;
                    continue;
                }
                double scaled = value.getAsDouble() * bound.mapping().scale();
                checkPlausible(bound.indicator(), bound.mapping(), scaled);
                observations.add(observation(raw, area, year, bound, value.getAsDouble(), scaled));
            }
            if (observations.isEmpty()) {
                return new NormalizeResult.Skipped("no catalog indicator has a value (" + missing + " missing)");
            }
            return new NormalizeResult.Observations(observations, missing);
        } catch (MappingFailure failure) {
            return new NormalizeResult.Failed(failure);
        }
    }

    private AreaCode resolveArea(RawRecord raw) throws MappingFailure {
        if (raw.getAreaCode() != null) {
            AreaCode area = AreaCode.parse(raw.getAreaCode()).orElseThrow(() -> new MappingFailure(
                    ReasonCode.UNKNOWN_AREA, "areaCode", "'" + raw.getAreaCode() + "' is no GM, WK or BU code"));
            if (!directory.isKnown(area.municipalityCode())) {
                throw new MappingFailure(ReasonCode.UNKNOWN_AREA, "areaCode", "municipality " + area.municipalityCode()
                        + " of area " + area.code() + " is not in the current municipal classification");
            }
            return area;
        }
        String name = raw.getFields().get(MUNICIPALITY_NAME_FIELD);
        String code = directory.codeForName(name).orElseThrow(() -> new MappingFailure(ReasonCode.UNKNOWN_AREA,
                MUNICIPALITY_NAME_FIELD, "municipality name '" + name + "' is not in the municipality directory"));
        return AreaCode.parse(code).orElseThrow();
    }

    private static OptionalDouble extract(Map<String, String> fields, SourceMapping mapping) throws MappingFailure {
        if (deliveredNothing(fields, mapping.missingWhenAllZero())) {
            return OptionalDouble.empty();
        }
        if (mapping.field() != null) {
            return ValueParser.parse(mapping.field(), fields.get(mapping.field()));
        }
        List<String> matching = fields.keySet().stream().filter(k -> k.startsWith(mapping.fieldPrefix())).sorted().toList();
        if (mapping.isSum()) {
            double sum = 0;
            boolean any = false;
            for (String key : matching) {
                OptionalDouble v = ValueParser.parse(key, fields.get(key));
                if (v.isPresent()) {
                    sum += v.getAsDouble();
                    any = true;
                }
            }
            return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
        }
        if (matching.size() > 1) {
            throw new MappingFailure(ReasonCode.UNMAPPED_MEASURE, mapping.fieldPrefix(),
                    "prefix '" + mapping.fieldPrefix() + "' matches several fields " + matching);
        }
        return matching.isEmpty() ? OptionalDouble.empty() : ValueParser.parse(matching.get(0), fields.get(matching.get(0)));
    }

    private static boolean deliveredNothing(Map<String, String> fields, List<String> prefixes) throws MappingFailure {
        if (prefixes.isEmpty()) {
            return false;
        }
        boolean anyField = false;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (prefixes.stream().anyMatch(e.getKey()::startsWith)) {
                anyField = true;
                OptionalDouble v = ValueParser.parse(e.getKey(), e.getValue());
                if (v.isPresent() && v.getAsDouble() != 0.0) {
                    return false;
                }
            }
        }
        return anyField;
    }

    private static void checkPlausible(IndicatorDefinition indicator, SourceMapping mapping, double value) throws MappingFailure {
        String field = mapping.field() != null ? mapping.field() : mapping.fieldPrefix();
        boolean plausible = switch (indicator.unit()) {
            case "COUNT", "KM", "HOURS", "FTE", "M2" -> value >= 0;
            case "PERCENT" -> value >= 0 && value <= 100;
            default -> true;
        };
        if (!plausible) {
            throw new MappingFailure(ReasonCode.OUT_OF_RANGE, field, "indicator " + indicator.id() + " value " + value
                    + " is outside the plausible range of unit " + indicator.unit());
        }
    }

    private Observation observation(RawRecord raw, AreaCode area, String year, BoundMapping bound, double sourceValue,
                                    double value) {
        IndicatorDefinition indicator = bound.indicator();
        SourceMapping mapping = bound.mapping();
        String id = ObservationIds.of(indicator.id(), area.code(), year, raw.getSource(), raw.getDataset());
        return Observation.newBuilder()
                .setObservationId(id)
                .setIndicatorId(indicator.id())
                .setMunicipalityCode(area.municipalityCode())
                .setAreaCode(area.code())
                .setSphere(indicator.sphere())
                .setIngredient(indicator.ingredient())
                .setKind(indicator.kind())
                .setPeriod(year)
                .setReferenceDate("JANUARY_1".equals(mapping.referenceDate()) ? year + "-01-01" : null)
                .setValue(value)
                .setUnit(indicator.unit())
                .setSource(SourceRef.newBuilder()
                        .setSource(raw.getSource())
                        .setDataset(raw.getDataset())
                        .setPeriod(raw.getPeriod())
                        .setSourceRecordId(raw.getRecordId())
                        .setFetchedAt(raw.getFetchedAt())
                        .setObservationId(id)
                        .build())
                .setSourceValue(formatSourceValue(sourceValue))
                .setSourceUnit(mapping.sourceUnit())
                .setHarmonised(false)
                .setCatalogVersion(catalog.version())
                .setIngestedAt(clock.instant())
                .build();
    }

    private static String formatSourceValue(double v) {
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
