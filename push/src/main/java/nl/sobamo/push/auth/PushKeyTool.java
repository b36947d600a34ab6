package nl.sobamo.push.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nl.sobamo.push.validation.Municipalities;

/**
 * Issues, hashes and revokes push API keys (see docs/push-api.md, "Keys"). Writes to the key file go through a
 * temporary file and an atomic move, so the running API never reads half a file.
 *
 * <pre>
 * new GM0166 [keyFile]          generate a key; print it once; append its hash line to keyFile (or print the line)
 * hash GM0166 sbm.&lt;id&gt;.&lt;secret&gt;   print the key-file line for an existing key
 * revoke &lt;keyId&gt; keyFile        delete the key's line
 * </pre>
 */
public final class PushKeyTool {

    private PushKeyTool() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    /** {@link #main} without the exit, for tests and the embedded runner. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length >= 2 && args[0].equals("new") && args.length <= 3) {
            String municipality = args[1];
            if (!checkMunicipality(municipality, err)) {
                return 2;
            }
            ApiKeys.NewKey key = ApiKeys.generate();
            String line = line(key.keyId(), municipality, key.hash());
            out.println("API key for " + municipality + " (hand it over securely; it is not stored and cannot be shown again):");
            out.println("  " + key.token());
            if (args.length == 3) {
                append(Path.of(args[2]), line);
                out.println("Added key " + key.keyId() + " to " + args[2] + " (active within the reload interval).");
            } else {
                out.println("Key file line:");
                out.println("  " + line);
            }
            return 0;
        }
        if (args.length == 3 && args[0].equals("hash")) {
            Optional<ApiKeys.Token> token = ApiKeys.parse(args[2]);
            if (!checkMunicipality(args[1], err)) {
                return 2;
            }
            if (token.isEmpty()) {
                err.println("Not a push API key (expected sbm.<16 hex>.<secret>)");
                return 2;
            }
            out.println(line(token.get().keyId(), args[1], ApiKeys.hashSha256(token.get().secret())));
            return 0;
        }
        if (args.length == 3 && args[0].equals("revoke")) {
            return revoke(args[1], Path.of(args[2]), out, err);
        }
        err.println("usage: new <GM####> [keyFile] | hash <GM####> <key> | revoke <keyId> <keyFile>");
        return 2;
    }

    /** A key-file line. */
    public static String line(String keyId, String municipality, String hash) {
        return keyId + " = " + municipality + " " + hash;
    }

    /** Appends a line to the key file atomically (creates the file with a header when missing). */
    public static void append(Path file, String line) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<>(List.of("# sobamo push API keys: <keyId> = <GM####> <hash>  (docs/push-api.md)"));
        lines.add(line);
        write(file, lines);
    }

    private static int revoke(String keyId, Path file, PrintStream out, PrintStream err) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = lines.stream().filter(l -> !l.strip().startsWith(keyId + " ") && !l.strip().startsWith(keyId + "="))
                .toList();
        if (kept.size() == lines.size()) {
            err.println("No key " + keyId + " in " + file);
            return 1;
        }
        write(file, kept);
        out.println("Revoked key " + keyId + " (refused within the reload interval).");
        return 0;
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".push-keys", ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean checkMunicipality(String code, PrintStream err) {
        if (!Municipalities.bundled().contains(code)) {
            err.println("Unknown municipality code '" + code + "' (expected GM#### of today's municipalities)");
            return false;
        }
        return true;
    }
}
