package nl.sobamo.push.validation;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import nl.sobamo.reference.MunicipalityDirectory;

/**
 * The municipality codes the push API accepts: today's municipalities of the one shared reference list
 * ({@link MunicipalityDirectory}), so the API and normalize can never disagree about which codes exist.
 */
public final class Municipalities {

    public static final Pattern CODE = Pattern.compile("GM\\d{4}");

    private static final Municipalities BUNDLED = new Municipalities(MunicipalityDirectory.loadDefault().codes());

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
}
