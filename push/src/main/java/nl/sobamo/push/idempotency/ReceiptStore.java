package nl.sobamo.push.idempotency;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.sobamo.push.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receipts by (municipality, Idempotency-Key), kept in memory and appended to a JSON-lines file (fsync per
 * receipt) so a retry after a restart still gets the first receipt. Entries older than the retention are dropped
 * when the file is loaded (and the file is rewritten without them). See docs/decisions/0006-municipal-push-api.md.
 *
 * <p>A key is claimed while its request is being published: a concurrent request with the same key gets
 * {@link InFlight} (409), a later one with a different payload {@link Mismatch} (422), the same payload
 * {@link Replay} (the stored receipt).
 */
public final class ReceiptStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome of {@link #claim}. */
    public sealed interface Claim permits Granted, Replay, Mismatch, InFlight {
    }

    /** New key: publish, then {@link #complete} or {@link #release}. */
    public record Granted() implements Claim {
    }

    /** Seen before with the same payload: answer this receipt again, write nothing. */
    public record Replay(Receipt receipt) implements Claim {
    }

    /** Seen before with another payload. */
    public record Mismatch(Receipt receipt) implements Claim {
    }

    /** A request with this key is being processed right now. */
    public record InFlight() implements Claim {
    }

    /** One line of the file. */
    record Stored(String municipality, String idempotencyKey, String requestHash, String storedAt, Receipt receipt) {
    }

    private final Path file;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, Stored> receipts = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private BufferedWriter writer;
    private FileChannel channel;

    public ReceiptStore(Path file, Duration retention, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            load();
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the push receipts file " + file, e);
        }
    }

    public Claim claim(String municipality, String idempotencyKey, String requestHash) {
        String key = key(municipality, idempotencyKey);
        Stored stored = receipts.get(key);
        if (stored != null) {
            return stored.requestHash().equals(requestHash) ? new Replay(stored.receipt()) : new Mismatch(stored.receipt());
        }
        if (!inFlight.add(key)) {
            return new InFlight();
        }
        // completed between the lookup and the claim
        stored = receipts.get(key);
        if (stored != null) {
            inFlight.remove(key);
            return stored.requestHash().equals(requestHash) ? new Replay(stored.receipt()) : new Mismatch(stored.receipt());
        }
        return new Granted();
    }

    /** Stores the receipt durably, then releases the claim. */
    public void complete(String municipality, String idempotencyKey, String requestHash, Receipt receipt) {
        String key = key(municipality, idempotencyKey);
        Stored stored = new Stored(municipality, idempotencyKey, requestHash, clock.instant().toString(), receipt);
        try {
            append(stored);
            receipts.put(key, stored);
        } finally {
            inFlight.remove(key);
        }
    }

    /** Gives up a claim without a receipt (the request failed; a retry may publish again). */
    public void release(String municipality, String idempotencyKey) {
        inFlight.remove(key(municipality, idempotencyKey));
    }

    public int size() {
        return receipts.size();
    }

    @Override
    public synchronized void close() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            LOG.warn("Closing the push receipts file {} failed: {}", file, e.toString());
        }
        writer = null;
    }

    private synchronized void append(Stored stored) {
        try {
            writer.write(JSON.writeValueAsString(stored));
            writer.newLine();
            writer.flush();
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the push receipts file " + file, e);
        }
    }

    private static String key(String municipality, String idempotencyKey) {
        return municipality + '\u0000' + idempotencyKey;
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Instant oldest = clock.instant().minus(retention);
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                Stored s = JSON.readValue(line, Stored.class);
                if (Instant.parse(s.storedAt()).isBefore(oldest)) {
                    dropped++;
                    continue;
                }
                receipts.put(key(s.municipality(), s.idempotencyKey()), s);
                kept.add(line);
            } catch (IOException | RuntimeException e) {
                // a torn last line after a crash: that request got no 2xx, so forgetting it is safe
                dropped++;
                LOG.warn("Skipping an unreadable line of the push receipts file {}: {}", file, e.toString());
            }
        }
        if (dropped > 0) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        LOG.info("Loaded {} push receipts from {} ({} expired or unreadable dropped)", receipts.size(), file, dropped);
    }

    private void open() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        writer = new BufferedWriter(new java.io.OutputStreamWriter(java.nio.channels.Channels.newOutputStream(channel),
                StandardCharsets.UTF_8));
    }
}
