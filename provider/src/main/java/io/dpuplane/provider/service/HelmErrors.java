package io.dpuplane.provider.service;

/** Helm SDK errors as one line a user reads in a condition: no stack, no line breaks, bounded. */
final class HelmErrors {

    private static final int MAX = 600;

    private HelmErrors() {
    }

    static String readable(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.strip().replaceAll("\\s*\\n\\s*", "; ").replaceAll(":;", ":");
        return line.length() > MAX ? line.substring(0, MAX) + "…" : line;
    }

    /** Whether Helm said the release does not exist (never installed, or uninstalled). */
    static boolean releaseNotFound(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains("release: not found");
    }

    /** Whether Helm said the chart version is not in the repository's index it has cached. */
    static boolean versionNotInIndex(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains("not found in") && e.getMessage().contains("index");
    }
}
