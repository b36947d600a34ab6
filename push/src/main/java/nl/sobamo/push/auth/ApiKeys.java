package nl.sobamo.push.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * API keys of the push API: generation, hashing and constant-time verification.
 *
 * <p>A key looks like {@code sbm.<keyId>.<secret>}: {@code keyId} is 16 hex digits that name the key's line in the
 * key file (not secret), {@code secret} is 32 random bytes, base64url. Only a salted hash of the secret is stored:
 * <ul>
 *   <li>{@code sha256:<salt>:<hash>}: SHA-256 over salt + secret (default). A fast hash is enough here because the
 *       secret has 256 bits of entropy (nobody can guess it, unlike a password), and it keeps request
 *       authentication in the microseconds;</li>
 *   <li>{@code pbkdf2-sha256:<iterations>:<salt>:<hash>}: PBKDF2-HMAC-SHA256, accepted too for operators whose
 *       policy demands a slow hash (costs milliseconds per request).</li>
 * </ul>
 * Salts and hashes are base64url without padding. Verification compares with {@link MessageDigest#isEqual}, which
 * takes the same time wherever the first difference is.
 */
public final class ApiKeys {

    public static final String PREFIX = "sbm";
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern TOKEN = Pattern.compile("sbm\\.([0-9a-f]{16})\\.([A-Za-z0-9_-]{20,200})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private ApiKeys() {
    }

    /** A presented key split into its parts. */
    public record Token(String keyId, String secret) {
    }

    /** A fresh key: the token to hand to the municipality (once) and the hash line to store. */
    public record NewKey(String keyId, String token, String hash) {
    }

    public static NewKey generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String secretText = B64.encodeToString(secret);
        return new NewKey(keyId, PREFIX + "." + keyId + "." + secretText, hashSha256(secretText));
    }

    /** Parses {@code sbm.<keyId>.<secret>}; empty when the text has another shape. */
    public static Optional<Token> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var m = TOKEN.matcher(token.trim());
        return m.matches() ? Optional.of(new Token(m.group(1), m.group(2))) : Optional.empty();
    }

    public static boolean validKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    /** {@code sha256:<salt>:<hash>} with a fresh 16-byte salt. */
    public static String hashSha256(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "sha256:" + B64.encodeToString(salt) + ":" + B64.encodeToString(sha256(salt, secret));
    }

    /** {@code pbkdf2-sha256:<iterations>:<salt>:<hash>} with a fresh 16-byte salt. */
    public static String hashPbkdf2(String secret, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256:" + iterations + ":" + B64.encodeToString(salt) + ":"
                + B64.encodeToString(pbkdf2(salt, secret, iterations));
    }

    /** Checks that a stored hash has a known scheme and well-formed parts (for loading the key file). */
    public static void checkHashFormat(String stored) {
        String[] p = stored.split(":");
        try {
            if (p.length == 3 && p[0].equals("sha256")) {
                B64D.decode(p[1]);
                if (B64D.decode(p[2]).length != 32) {
                    throw new IllegalArgumentException("a sha256 hash has 32 bytes");
                }
                return;
            }
            if (p.length == 4 && p[0].equals("pbkdf2-sha256")) {
                if (Integer.parseInt(p[1]) < 1) {
                    throw new IllegalArgumentException("iterations must be positive");
                }
                B64D.decode(p[2]);
                B64D.decode(p[3]);
                return;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed hash: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unknown hash scheme (expected sha256:<salt>:<hash> or"
                + " pbkdf2-sha256:<iterations>:<salt>:<hash>)");
    }

    /** Constant-time check of a secret against a stored hash; false for a malformed hash. */
    public static boolean verify(String secret, String stored) {
        String[] p = stored.split(":");
        try {
            if (p.length == 3 && p[0].equals("sha256")) {
                return MessageDigest.isEqual(sha256(B64D.decode(p[1]), secret), B64D.decode(p[2]));
            }
            if (p.length == 4 && p[0].equals("pbkdf2-sha256")) {
                return MessageDigest.isEqual(pbkdf2(B64D.decode(p[2]), secret, Integer.parseInt(p[1])),
                        B64D.decode(p[3]));
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private static byte[] sha256(byte[] salt, String secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            return md.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] pbkdf2(byte[] salt, String secret, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        }
    }
}
