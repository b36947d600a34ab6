package nl.sobamo.push.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import nl.sobamo.push.validation.Municipalities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushKeyStoreTest {

    @TempDir
    Path dir;
    final AtomicLong nanos = new AtomicLong();

    private PushKeyStore store(Path file) {
        return new PushKeyStore(file, Duration.ofSeconds(2), Municipalities.bundled(), nanos::get);
    }

    private static String issue(Path file, String municipality) throws Exception {
        ApiKeys.NewKey key = ApiKeys.generate();
        PushKeyTool.append(file, PushKeyTool.line(key.keyId(), municipality, key.hash()));
        return key.token();
    }

    @Test
    void aKeyAuthenticatesAsItsMunicipality() throws Exception {
        Path file = dir.resolve("keys.txt");
        String kampen = issue(file, "GM0166");
        String zwolle = issue(file, "GM0193");
        PushKeyStore store = store(file);

        assertThat(store.authenticate(kampen).orElseThrow().municipality()).isEqualTo("GM0166");
        assertThat(store.authenticate(zwolle).orElseThrow().municipality()).isEqualTo("GM0193");
        assertThat(store.authenticate(kampen.substring(0, kampen.length() - 1) + "x")).isEmpty();
        assertThat(store.authenticate("sbm.0000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(store.size()).isEqualTo(2);
        assertThat(Files.readString(file)).doesNotContain(kampen.substring(22));
    }

    @Test
    void aChangedFileIsReloadedAfterTheIntervalSoKeysRotateWithoutRestart() throws Exception {
        Path file = dir.resolve("keys.txt");
        String old = issue(file, "GM0166");
        PushKeyStore store = store(file);
        String fresh = issue(file, "GM0166");

        assertThat(store.authenticate(fresh)).isEmpty(); // not yet checked again
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(store.authenticate(fresh)).isPresent();
        assertThat(store.reloads()).isEqualTo(1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = PushKeyTool.run(new String[] {"revoke", old.split("\\.")[1], file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(code).isZero();
        assertThat(store.authenticate(old)).isEmpty();
        assertThat(store.authenticate(fresh)).isPresent();
        assertThat(store.reloads()).isEqualTo(2);
    }

    @Test
    void aBrokenFileKeepsThePreviousKeysInForce() throws Exception {
        Path file = dir.resolve("keys.txt");
        String kampen = issue(file, "GM0166");
        PushKeyStore store = store(file);
        Files.writeString(file, Files.readString(file) + "0123456789abcdef = GM9999 sha256:AAAA:BBBB\n");
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());

        assertThat(store.authenticate(kampen)).isPresent();
        assertThat(store.reloads()).isZero();
    }

    @Test
    void aBrokenFileAtStartIsAnErrorNamingTheLine() throws Exception {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "# keys\n0123456789abcdef = GM9999 sha256:AAAA:BBBB\n");

        assertThatThrownBy(() -> store(file)).hasMessage("line 2: unknown municipality code 'GM9999'");
        Files.writeString(file, "0123456789abcdef GM0166\n");
        assertThatThrownBy(() -> store(file)).hasMessage("line 1: expected '<keyId> = <GM####> <hash>'");
    }

    @Test
    void aMissingFileMeansNoKeys() {
        PushKeyStore store = store(dir.resolve("absent.txt"));

        assertThat(store.size()).isZero();
        assertThat(store.authenticate(ApiKeys.generate().token())).isEmpty();
    }

    @Test
    void theToolPrintsTheKeyOnceAndTheHashLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = PushKeyTool.run(new String[] {"new", "GM0166"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\\R");

        assertThat(code).isZero();
        String token = lines[1].strip();
        String line = lines[3].strip();
        assertThat(line).startsWith(token.split("\\.")[1] + " = GM0166 sha256:");
        Files.writeString(dir.resolve("keys.txt"), line + "\n");
        assertThat(store(dir.resolve("keys.txt")).authenticate(token).orElseThrow().municipality()).isEqualTo("GM0166");
        assertThat(PushKeyTool.run(new String[] {"new", "GM9999"}, System.out, new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
    }
}
