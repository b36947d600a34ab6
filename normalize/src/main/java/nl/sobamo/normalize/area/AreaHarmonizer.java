package nl.sobamo.normalize.area;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.sobamo.catalog.Unit;
import nl.sobamo.normalize.mapping.ObservationIds;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.reference.ReferenceFiles;
import nl.sobamo.schemas.HarmonisedPart;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.SourceRef;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Re-expresses municipality observations on older boundaries on today's municipalities (herindelingen), from the
 * bundled reference {@code reference/herindelingen.csv} (weights derived from CBS inhabitants, CC BY 4.0; see
 * docs/decisions/0005-harmonisation-weights.md).
 *
 * <ul>
 *   <li>Additive units (counts, euros, hours, FTE, m²): successor = Σ part value × weight, where weight is the share
 *       of the old municipality that went to the successor (1 for a whole municipality). The national total is
 *       preserved because the weights of every old municipality sum to 1.</li>
 *   <li>Rates and scores (percent, per 1,000, km, score): successor = Σ part value × part inhabitants / Σ part
 *       inhabitants, the inhabitant-weighted average over the parts that now form the successor.</li>
 * </ul>
 * A successor's value is only computed once every part is present; see {@link #partsOf}.
 */
public final class AreaHarmonizer {

    public static final String DEFAULT_RESOURCE = "reference/herindelingen.csv";
    public static final String SHARE = "SHARE";
    public static final String INHABITANTS = "INHABITANTS";

    private final List<Herindeling> rows;
    private final Map<String, List<Herindeling>> byOld;
    private final Map<String, List<Herindeling>> byNew;

    public AreaHarmonizer(List<Herindeling> rows) {
        this.rows = List.copyOf(rows);
        this.byOld = rows.stream().collect(Collectors.groupingBy(Herindeling::oldCode));
        this.byNew = rows.stream().collect(Collectors.groupingBy(Herindeling::newCode));
        validate();
    }

    public static AreaHarmonizer loadDefault() {
        return ReferenceFiles.load(DEFAULT_RESOURCE, "Herindelingen", AreaHarmonizer::read);
    }

    /**
     * Reads the reference. The weight actually used is recomputed from the inhabitants of the parts (exact), and must
     * agree with the rounded weight the file documents.
     */
    public static AreaHarmonizer read(Reader reader) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get();
        List<CSVRecord> records = format.parse(reader).getRecords();
        Map<String, Long> totals = new HashMap<>();
        for (CSVRecord r : records) {
            totals.merge(r.get("old_code") + "@" + r.get("last_year"), Long.parseLong(r.get("part_inhabitants")), Long::sum);
        }
        List<Herindeling> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (CSVRecord r : records) {
            long part = Long.parseLong(r.get("part_inhabitants"));
            double weight = part / (double) totals.get(r.get("old_code") + "@" + r.get("last_year"));
            if (Math.abs(weight - Double.parseDouble(r.get("weight"))) > 1e-6) {
                errors.add(r.get("old_code") + " -> " + r.get("new_code") + ": documented weight " + r.get("weight")
                        + " differs from part_inhabitants share " + weight);
            }
            rows.add(new Herindeling(r.get("old_code"), r.get("old_name"), Integer.parseInt(r.get("last_year")),
                    r.get("new_code"), r.get("new_name"), weight, part, r.get("source")));
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("herindelingen reference is inconsistent: " + errors);
        }
        return new AreaHarmonizer(rows);
    }

    private void validate() {
        List<String> errors = new ArrayList<>();
        Map<String, Double> weightSum = new HashMap<>();
        for (Herindeling r : rows) {
            weightSum.merge(r.oldCode() + "@" + r.lastYear(), r.weight(), Double::sum);
            if (r.weight() <= 0 || r.weight() > 1 || r.partInhabitants() <= 0) {
                errors.add(r.oldCode() + " -> " + r.newCode() + ": weight must be in (0,1] and inhabitants positive");
            }
        }
        weightSum.forEach((old, sum) -> {
            if (Math.abs(sum - 1.0) > 1e-5) {
                errors.add(old + ": weights sum to " + sum + ", not 1: the old municipality would not be fully re-expressed");
            }
        });
        if (!errors.isEmpty()) {
            throw new IllegalStateException("herindelingen reference is inconsistent: " + errors);
        }
    }

    public List<Herindeling> rows() {
        return rows;
    }

    /** Whether municipality {@code code} existed in the classification of {@code year} (and we can place it today). */
    public boolean existedIn(String code, int year, MunicipalityDirectory current) {
        if (needsHarmonisation(code, year)) {
            return true;
        }
        if (!current.isKnown(code)) {
            return false;
        }
        // a current code formed by a merger after `year` did not exist yet (Voorne aan Zee in 2020 data)
        List<Herindeling> asNew = byNew.get(code);
        if (asNew == null) {
            return true; // checked for every record: plain loops, no streams, for the common untouched code
        }
        boolean mergedLater = false;
        for (Herindeling r : asNew) {
            if (r.appliesTo(year)) {
                if (r.continuing()) {
                    return true;
                }
                mergedLater = true;
            }
        }
        return !mergedLater;
    }

    /** Whether a municipality's observations on the boundaries of {@code year} must be re-expressed. */
    public boolean needsHarmonisation(String municipalityCode, int year) {
        List<Herindeling> asOld = byOld.get(municipalityCode);
        if (asOld == null) {
            return false;
        }
        for (Herindeling r : asOld) {
            if (r.appliesTo(year)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code code} is a dissolved municipality (it has no continuing row and is no successor). */
    public boolean dissolved(String code) {
        return byOld.containsKey(code) && !byNew.containsKey(code);
    }

    /** Where an old municipality's observation goes: one row per successor it contributes to. */
    public List<Herindeling> contributions(String oldCode, int year) {
        return byOld.getOrDefault(oldCode, List.of()).stream().filter(r -> r.appliesTo(year)).toList();
    }

    /** The parts a successor's value needs in data on the boundaries of {@code year}, by old code. */
    public List<Herindeling> partsOf(String newCode, int year) {
        return byNew.getOrDefault(newCode, List.of()).stream().filter(r -> r.appliesTo(year))
                .sorted(Comparator.comparing(Herindeling::oldCode)).toList();
    }

    /** Today's codes with a successor relation: the codes harmonisation can produce. */
    public Set<String> successors() {
        return new TreeSet<>(byNew.keySet());
    }

    /**
     * Combines the parts of one successor (same indicator, period, source, dataset), each an observation on the
     * old boundaries, into the successor's harmonised observation.
     *
     * @param parts one observation per old code of {@link #partsOf(String, int)}, in any order
     * @throws IllegalArgumentException when a part is missing or foreign
     */
    public Observation combine(String newCode, int year, List<Observation> parts, Instant now) {
        List<Herindeling> expected = partsOf(newCode, year);
        Map<String, Observation> byCode = new HashMap<>();
        parts.forEach(p -> byCode.put(p.getMunicipalityCode(), p));
        Set<String> expectedCodes = expected.stream().map(Herindeling::oldCode).collect(Collectors.toSet());
        if (expected.isEmpty() || !byCode.keySet().equals(expectedCodes)) {
            throw new IllegalArgumentException(newCode + " (" + year + " boundaries) needs parts " + expectedCodes
                    + ", got " + byCode.keySet());
        }
        Observation lead = byCode.getOrDefault(newCode, byCode.get(expected.get(0).oldCode()));
        Unit unit = Unit.of(lead.getUnit()).orElseThrow(() -> new IllegalArgumentException("unknown unit " + lead.getUnit()));
        boolean additive = unit.additive();
        double value = 0;
        double lower = 0;
        double upper = 0;
        boolean bounds = true;
        double weightTotal = 0;
        long fetched = Long.MIN_VALUE;
        List<HarmonisedPart> from = new ArrayList<>();
        for (Herindeling row : expected) { // sorted by old code: the same parts always add up in the same order
            Observation part = byCode.get(row.oldCode());
            double w = additive ? row.weight() : row.partInhabitants();
            value += part.getValue() * w;
            if (part.getLowerBound() != null && part.getUpperBound() != null) {
                lower += part.getLowerBound() * w;
                upper += part.getUpperBound() * w;
            } else {
                bounds = false;
            }
            weightTotal += w;
            fetched = Math.max(fetched, part.getSource().getFetchedAt().toEpochMilli());
            from.add(HarmonisedPart.newBuilder().setAreaCode(row.oldCode()).setValue(part.getValue()).setWeight(w)
                    .setWeightBasis(additive ? SHARE : INHABITANTS).setSource(part.getSource()).build());
        }
        if (!additive) {
            value /= weightTotal;
            lower /= weightTotal;
            upper /= weightTotal;
        }
        SourceRef leadSource = lead.getSource();
        String id = ObservationIds.of(lead.getIndicatorId(), newCode, lead.getPeriod(), leadSource.getSource(),
                leadSource.getDataset());
        return Observation.newBuilder(lead)
                .setObservationId(id)
                .setMunicipalityCode(newCode)
                .setAreaCode(newCode)
                .setValue(value)
                .setLowerBound(bounds ? lower : null)
                .setUpperBound(bounds ? upper : null)
                .setSource(SourceRef.newBuilder(leadSource).setObservationId(id)
                        .setFetchedAt(Instant.ofEpochMilli(fetched)).build())
                .setSourceValue(null)
                .setHarmonised(true)
                .setOriginalAreaCode(expected.size() == 1 ? expected.get(0).oldCode() : null)
                .setHarmonisedFrom(from)
                .setIngestedAt(now)
                .build();
    }
}
