package nl.sobamo.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Checks and parses the values of the typed configs ({@code IngestConfig}, {@code OpenDataConfig},
 * {@code PushApiConfig}, the runner's {@code PlatformConfig}), so that every bad setting fails at startup with the same kind of message:
 * {@code Setting '<key>' ...}, naming the key the operator has to fix.
 */
public final class SettingValues {

    private SettingValues() {
    }

    /** Fails with {@code Setting '<key>' <rule>} unless {@code ok}. */
    public static void require(boolean ok, String key, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Setting '" + key + "' " + rule);
        }
    }

    public static void requireText(String key, String value) {
        require(value != null && !value.isBlank(), key, "must not be blank");
    }

    /** A whole number such as {@code 8095}. */
    public static long wholeNumber(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a whole number, was '" + value + "'", e);
        }
    }

    /** An ISO-8601 instant such as {@code 2025-04-19T00:00:00Z}. */
    public static Instant instant(String key, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "Setting '" + key + "' must be an ISO-8601 instant such as 2025-04-19T00:00:00Z, was '" + value + "'", e);
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, ISO-8601 {@code PT10S}, or plain milliseconds. */
    public static Duration duration(String key, String value) {
        return duration(key, value, ChronoUnit.MILLIS);
    }

    /**
     * {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, ISO-8601 {@code PT10S}, or a plain number of
     * {@code plainNumbers} (a timeout an operator thinks of in seconds need not be written in milliseconds).
     */
    public static Duration duration(String key, String value, ChronoUnit plainNumbers) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            if (v.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            return Duration.of(Long.parseLong(v), plainNumbers);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a duration like 500ms, 10s, 2m, 1h or PT10S"
                    + " (a plain number counts " + plainNumbers.toString().toLowerCase(Locale.ROOT) + "), was '" + value + "'", e);
        }
    }
}
