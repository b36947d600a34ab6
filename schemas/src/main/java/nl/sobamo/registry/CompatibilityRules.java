package nl.sobamo.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Applies a {@link CompatibilityLevel} the way Confluent's registry does, using Avro's own reader/writer
 * resolution rules so the in-memory registry judges exactly as the decoder will behave.
 */
final class CompatibilityRules {

    private CompatibilityRules() {
    }

    /**
     * @param existing the subject's versions, oldest first
     * @return why {@code candidate} may not become the next version; empty when it may
     */
    static List<String> violations(CompatibilityLevel level, Schema candidate, List<Schema> existing) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
            return problems;
        }
        int first = level.transitive() ? 0 : existing.size() - 1;
        for (int i = first; i < existing.size(); i++) {
            Schema previous = existing.get(i);
            int version = i + 1;
            if (level.backward()) {
                describe(problems, "new schema cannot read data written with version " + version,
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous));
            }
            if (level.forward()) {
                describe(problems, "readers on version " + version + " cannot read data written with the new schema",
                        SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate));
            }
        }
        return problems;
    }

    private static void describe(List<String> problems, String summary, SchemaPairCompatibility result) {
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        StringBuilder text = new StringBuilder(summary);
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            text.append("; ").append(incompatibility.getType()).append(" at ").append(incompatibility.getLocation())
                    .append(": ").append(incompatibility.getMessage());
        }
        problems.add(text.toString());
    }
}
