package nl.sobamo.ops;

/** One named readiness check; {@link #check()} must return within a few seconds and never throw. */
public interface HealthCheck {

    /** Bounded, lowercase: {@code kafka}, {@code registry}, {@code streams}. */
    String name();

    Result check();

    /** @param detail what was seen, for the JSON body of {@code /health/ready} (never a secret) */
    record Result(boolean up, String detail) {

        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }

    /** A check that never throws: an exception becomes {@code down} with its message. */
    static Result safely(HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            return Result.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
