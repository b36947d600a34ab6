package nl.sobamo.push.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void aGeneratedKeyVerifiesAgainstItsHashAndOnlyItsHash() {
        ApiKeys.NewKey key = ApiKeys.generate();
        ApiKeys.Token token = ApiKeys.parse(key.token()).orElseThrow();

        assertThat(key.token()).matches("sbm\\.[0-9a-f]{16}\\.[A-Za-z0-9_-]{43}");
        assertThat(token.keyId()).isEqualTo(key.keyId());
        assertThat(key.hash()).matches("sha256:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}").doesNotContain(token.secret());
        assertThat(ApiKeys.verify(token.secret(), key.hash())).isTrue();
        assertThat(ApiKeys.verify(token.secret() + "x", key.hash())).isFalse();
        assertThat(ApiKeys.verify(ApiKeys.parse(ApiKeys.generate().token()).orElseThrow().secret(), key.hash())).isFalse();
    }

    @Test
    void theSameSecretHashesDifferentlyEachTimeBecauseOfTheSalt() {
        String a = ApiKeys.hashSha256("secret-secret-secret-1");
        String b = ApiKeys.hashSha256("secret-secret-secret-1");

        assertThat(a).isNotEqualTo(b);
        assertThat(ApiKeys.verify("secret-secret-secret-1", a)).isTrue();
        assertThat(ApiKeys.verify("secret-secret-secret-1", b)).isTrue();
    }

    @Test
    void pbkdf2HashesAreAcceptedToo() {
        String hash = ApiKeys.hashPbkdf2("secret-secret-secret-2", 1_000);

        assertThat(hash).startsWith("pbkdf2-sha256:1000:");
        assertThat(ApiKeys.verify("secret-secret-secret-2", hash)).isTrue();
        assertThat(ApiKeys.verify("secret-secret-secret-3", hash)).isFalse();
        ApiKeys.checkHashFormat(hash);
    }

    @Test
    void malformedTokensAndHashesAreRefused() {
        assertThat(ApiKeys.parse("letmein")).isEmpty();
        assertThat(ApiKeys.parse("sbm.XYZ.abcdefghijklmnopqrstuvwxyz")).isEmpty();
        assertThat(ApiKeys.parse(null)).isEmpty();
        assertThat(ApiKeys.verify("x", "md5:abc")).isFalse();
        assertThat(ApiKeys.verify("x", "sha256:!!:??")).isFalse();
        assertThatThrownBy(() -> ApiKeys.checkHashFormat("md5:abc")).hasMessageStartingWith("unknown hash scheme");
        assertThatThrownBy(() -> ApiKeys.checkHashFormat("sha256:AAAA:AAAA")).hasMessage(
                "malformed hash: a sha256 hash has 32 bytes");
    }
}
