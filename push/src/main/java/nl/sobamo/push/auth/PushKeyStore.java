package nl.sobamo.push.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

import nl.sobamo.hash.ContentHash;
import nl.sobamo.push.validation.Municipalities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push API's credentials: a text file of hashed keys, re-read when it changes, so keys are issued, rotated and
 * revoked without a restart.
 *
 * <pre>
 * # keyId            = municipality  hash
 * 3f9a1c2b4d5e6f70  = GM0166        sha256:&lt;salt&gt;:&lt;hash&gt;
 * </pre>
 *
 * A municipality may have several lines (rotation: add the new key, let the municipality switch, delete the old
 * line). At most once per check interval, a request makes the store read the file; when its bytes changed it is
 * parsed again. A file that does not parse (unknown municipality, bad hash, duplicate key id) is refused as a whole
 * and the previous keys stay in force, so a typo cannot lock every municipality out; at start-up it is an error.
 * A missing file means no keys (every request is 401).
 */
public final class PushKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(PushKeyStore.class);
    /** Verified against when the key id is unknown, so both paths cost one hash. */
    private static final String DUMMY_HASH = ApiKeys.hashSha256("no-such-key");

    /** Who a valid key belongs to. */
    public record Principal(String keyId, String municipality) {
    }

    private record Entry(String municipality, String hash) {
    }

    private final Path file;
    private final long checkIntervalNanos;
    private final LongSupplier nanoTime;
    private final Municipalities municipalities;

    private volatile Map<String, Entry> keys = Map.of();
    private volatile byte[] loadedDigest = new byte[0];
    private volatile long lastCheck;
    private volatile long reloads;

    public PushKeyStore(Path file, Duration checkInterval, Municipalities municipalities) {
        this(file, checkInterval, municipalities, System::nanoTime);
    }

    /** @param nanoTime the clock for the check interval (tests pass their own) */
    public PushKeyStore(Path file, Duration checkInterval, Municipalities municipalities, LongSupplier nanoTime) {
        this.file = Objects.requireNonNull(file, "file");
        this.checkIntervalNanos = checkInterval.toNanos();
        this.municipalities = Objects.requireNonNull(municipalities, "municipalities");
        this.nanoTime = nanoTime;
        byte[] content = read();
        if (content != null) {
            keys = parse(content); // throws: a broken file at start-up is a configuration error
            loadedDigest = ContentHash.sha256(content);
        } else {
            LOG.warn("Push API key file {} does not exist: every request will be answered 401", file);
        }
        lastCheck = nanoTime.getAsLong();
    }

    /**
     * Finds the key's owner, or empty for a missing, malformed, unknown or wrong key (all answered 401 alike).
     *
     * @param token the presented key ({@code sbm.<keyId>.<secret>})
     */
    public Optional<Principal> authenticate(String token) {
        reloadIfDue();
        Optional<ApiKeys.Token> parsed = ApiKeys.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = keys.get(parsed.get().keyId());
        boolean ok = ApiKeys.verify(parsed.get().secret(), entry == null ? DUMMY_HASH : entry.hash());
        return ok && entry != null ? Optional.of(new Principal(parsed.get().keyId(), entry.municipality()))
                : Optional.empty();
    }

    /** Number of keys in force (for /health and logs; never the keys themselves). */
    public int size() {
        reloadIfDue();
        return keys.size();
    }

    /** How often the file was reloaded after a change since start. */
    public long reloads() {
        return reloads;
    }

    /** Reads the file now when its content changed (also called by {@link #authenticate} once per interval). */
    public synchronized void reloadNow() {
        lastCheck = nanoTime.getAsLong();
        byte[] content = read();
        if (content == null) {
            if (!keys.isEmpty()) {
                LOG.warn("Push API key file {} disappeared: keeping the {} keys loaded before", file, keys.size());
            }
            return;
        }
        byte[] digest = ContentHash.sha256(content);
        if (Arrays.equals(digest, loadedDigest)) {
            return;
        }
        try {
            keys = parse(content);
            loadedDigest = digest;
            reloads++;
            LOG.info("Push API key file {} reloaded: {} keys", file, keys.size());
        } catch (IllegalArgumentException e) {
            loadedDigest = digest; // report a broken version once, not on every check
            LOG.error("Push API key file {} changed but is invalid, keeping the previous {} keys: {}", file,
                    keys.size(), e.getMessage());
        }
    }

    private void reloadIfDue() {
        if (nanoTime.getAsLong() - lastCheck >= checkIntervalNanos) {
            reloadNow();
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.error("Cannot read push API key file {}: {}", file, e.toString());
            return null;
        }
    }

    /** Parses the whole file or throws, naming the line. */
    Map<String, Entry> parse(byte[] content) {
        Map<String, Entry> parsed = new LinkedHashMap<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String[] value = eq < 0 ? new String[0] : line.substring(eq + 1).strip().split("\\s+");
            if (eq < 0 || value.length != 2) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected '<keyId> = <GM####> <hash>'");
            }
            String keyId = line.substring(0, eq).strip();
            if (!ApiKeys.validKeyId(keyId)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": key id must be 16 lower-case hex digits");
            }
            if (!municipalities.contains(value[0])) {
                throw new IllegalArgumentException("line " + (i + 1) + ": unknown municipality code '" + value[0] + "'");
            }
            try {
                ApiKeys.checkHashFormat(value[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
            if (parsed.put(keyId, new Entry(value[0], value[1])) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": duplicate key id " + keyId);
            }
        }
        return Collections.unmodifiableMap(parsed);
    }
}
