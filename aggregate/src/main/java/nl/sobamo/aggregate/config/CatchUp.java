package nl.sobamo.aggregate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When the positions step counts as catching up, and how long positions may then wait. During a national load or a
 * replay, an indicator-period keeps receiving rows for the whole run, and every intermediate ranking would be
 * published and then replaced (a 1M-observation load published each position ~8 times, most of the stream thread's
 * time): positions published while catching up are transient, so they wait until the step has caught up.
 *
 * @param lag      rows whose record time is more than this behind the wall clock mean the step is catching up; it
 *                 has caught up with the first row within this, or when no row behind arrived for this long
 * @param maxDelay while catching up, an indicator-period's positions wait at most this long after its first change
 */
public record CatchUp(Duration lag, Duration maxDelay) {

    public static final Duration DEFAULT_LAG = Duration.ofSeconds(3);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(2);
    public static final CatchUp DEFAULTS = new CatchUp(DEFAULT_LAG, DEFAULT_MAX_DELAY);

    public CatchUp {
        Objects.requireNonNull(lag, "lag");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (lag.isNegative() || lag.isZero()) {
            throw new IllegalArgumentException("catch-up lag must be positive, was " + lag);
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("catch-up max delay must be >= 0, was " + maxDelay);
        }
    }
}
