package io.dpuplane.bfb;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What NVIDIA's file names say: {@code bf-bundle-<doca>-<build>_<bsp yy.mm>_<os>_<prod|dev>.bfb}, e.g.
 * {@code bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb} is DOCA 2.9.1.
 */
public final class BfbFileNames {

    private static final Pattern BUNDLE = Pattern.compile("bf-bundle-(\\d+\\.\\d+\\.\\d+)-\\d+_.*\\.bfb");

    private BfbFileNames() {
    }

    /** The DOCA version of a bundle's file name; a path or URL is cut to its last segment first. */
    public static Optional<String> docaVersion(String fileName) {
        Matcher m = BUNDLE.matcher(lastSegment(fileName));
        return m.matches() ? Optional.of(DocaVersion.normalize(m.group(1))) : Optional.empty();
    }

    /** The versions a file name gives: the DOCA version at most. */
    public static BfbVersions versions(String fileName) {
        return docaVersion(fileName).map(BfbVersions::ofDoca).orElse(BfbVersions.empty());
    }

    private static String lastSegment(String name) {
        String path = name;
        int query = indexOfAny(path, '?', '#');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
