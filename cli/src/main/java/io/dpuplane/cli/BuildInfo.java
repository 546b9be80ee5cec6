package io.dpuplane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** What was built: dpuplane's version and the control-plane versions it was built and tested against. */
public final class BuildInfo implements IVersionProvider {

    private final Properties properties = load();

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dpuplane-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    public String version() {
        return properties.getProperty("version", "unknown");
    }

    public String kubernetesVersion() {
        return properties.getProperty("kubernetes", "unknown");
    }

    public String crossplaneVersion() {
        return properties.getProperty("crossplane", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"dpuplane " + version()};
    }
}
