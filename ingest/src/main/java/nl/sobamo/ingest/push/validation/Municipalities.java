package nl.sobamo.ingest.push.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The municipality codes the push API accepts: the 342 codes of {@value #RESOURCE} (a copy of normalize's
 * reference list, see the PROVENANCE.md beside it).
 */
public final class Municipalities {

    public static final String RESOURCE = "push/gemeente_codes_2023.csv";
    public static final Pattern CODE = Pattern.compile("GM\\d{4}");

    private static final Municipalities BUNDLED = load();

    private final Set<String> codes;

    public Municipalities(Set<String> codes) {
        this.codes = Collections.unmodifiableSet(new TreeSet<>(codes));
    }

    /** The bundled list (loaded once). */
    public static Municipalities bundled() {
        return BUNDLED;
    }

    public boolean contains(String code) {
        return code != null && codes.contains(code);
    }

    public Set<String> codes() {
        return codes;
    }

    public static boolean wellFormed(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    private static Municipalities load() {
        Set<String> codes = new TreeSet<>();
        InputStream in = Municipalities.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("Resource " + RESOURCE + " is missing from the ingest jar");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine(); // header gm_code;naam_analysedata;naam_gemeenteklassen
            while ((line = reader.readLine()) != null) {
                String code = line.split(";", 2)[0].trim();
                if (wellFormed(code)) {
                    codes.add(code);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        return new Municipalities(codes);
    }
}
