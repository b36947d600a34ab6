package nl.sobamo.normalize.area;

/**
 * One row of the bundled herindelingen reference: in data on the boundaries of {@code lastYear} or earlier,
 * municipality {@code oldCode} contributes the share {@code weight} of itself to today's {@code newCode}.
 * A continuing municipality that absorbed another has a row to itself (its own part, weight 1).
 *
 * @param weight          share of the old municipality's inhabitants that went to the successor (0..1]
 * @param partInhabitants inhabitants of that share: the weights of an inhabitant-weighted average of rates
 */
public record Herindeling(String oldCode, String oldName, int lastYear, String newCode, String newName,
                          double weight, long partInhabitants, String source) {

    /** Whether data on the boundaries of {@code year} still uses the old shape this row describes. */
    public boolean appliesTo(int year) {
        return year <= lastYear;
    }

    public boolean continuing() {
        return oldCode.equals(newCode);
    }
}
