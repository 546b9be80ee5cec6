package io.dpuplane.bfb;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user-facing DOCA version (major.minor.patch) from the one a BFB's inventory carries.
 *
 * <p>The rule: drop everything from the first {@code -}; of major.minor.patch keep major and minor; when the
 * patch is longer than three digits, its last three are a zero-padded build number and the patch is what
 * comes before them. So {@code 2.9.1} stays {@code 2.9.1}, {@code 3.0.0058-1} becomes {@code 3.0.0},
 * {@code 2.9.3008} becomes {@code 2.9.3}. DPF keeps only the first digit of the patch; this rule agrees with
 * it for every single-digit patch and does not truncate a two-digit one. Anything else is returned as given.
 */
public final class DocaVersion {

    private static final Pattern MAJOR_MINOR_PATCH = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final int BUILD_DIGITS = 3;

    private DocaVersion() {
    }

    public static String normalize(String version) {
        String trimmed = version.strip();
        int dash = trimmed.indexOf('-');
        String release = dash >= 0 ? trimmed.substring(0, dash) : trimmed;
        Matcher m = MAJOR_MINOR_PATCH.matcher(release);
        if (!m.matches()) {
            return trimmed;
        }
        String patch = m.group(3);
        if (patch.length() > BUILD_DIGITS) {
            patch = patch.substring(0, patch.length() - BUILD_DIGITS);
        }
        return m.group(1) + "." + m.group(2) + "." + patch;
    }
}
