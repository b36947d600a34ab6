package nl.sobamo.push.validation;

/**
 * The Dutch citizen service number (burgerservicenummer) check: nine digits d1..d9 with
 * {@code 9*d1 + 8*d2 + 7*d3 + 6*d4 + 5*d5 + 4*d6 + 3*d7 + 2*d8 - 1*d9} divisible by 11 (the "11-proef").
 * {@code 000000000} passes the arithmetic but is no BSN and is not reported.
 */
public final class Bsn {

    private Bsn() {
    }

    /** True when {@code digits} is exactly nine ASCII digits that pass the 11-proef (and are not all zero). */
    public static boolean passesElevenTest(CharSequence digits) {
        if (digits == null || digits.length() != 9) {
            return false;
        }
        int sum = 0;
        boolean allZero = true;
        for (int i = 0; i < 9; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            allZero &= d == 0;
            sum += (i == 8 ? -1 : 9 - i) * d;
        }
        return !allZero && sum % 11 == 0;
    }
}
