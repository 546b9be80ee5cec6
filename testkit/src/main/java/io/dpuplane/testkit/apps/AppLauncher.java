package io.dpuplane.testkit.apps;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts one of our Quarkus apps as a child process, as it runs in a pod: {@code java -jar quarkus-run.jar}
 * with configuration as system properties (which outrank application.properties), environment variables
 * and command-line arguments, its output in a log file, and a readiness check to wait for.
 *
 * <pre>{@code
 * RunningProcess provider = AppLauncher.of(QuarkusApp.PROVIDER)
 *         .property("quarkus.http.port", "18080").env("KUBECONFIG", kubeconfig.toString())
 *         .logTo(dir.resolve("provider.log"))
 *         .readyWhen(Readiness.httpOk(URI.create("http://127.0.0.1:18080/q/health/ready")))
 *         .start(Duration.ofSeconds(60));
 * }</pre>
 */
public final class AppLauncher {

    private final QuarkusApp app;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xss512k",
            "-XX:TieredStopAtLevel=1"));
    private Path log;
    private Readiness readiness;

    private AppLauncher(QuarkusApp app) {
        this.app = app;
    }

    public static AppLauncher of(QuarkusApp app) {
        return new AppLauncher(app);
    }

    /** A configuration property, passed as {@code -Dkey=value}. */
    public AppLauncher property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** An environment variable of the process (added to this JVM's). */
    public AppLauncher env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Command-line arguments after the jar. */
    public AppLauncher args(String... arguments) {
        args.addAll(List.of(arguments));
        return this;
    }

    /** A JVM option such as {@code -Xmx256m}; the defaults favour start-up time over peak speed. */
    public AppLauncher jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Where the app's output goes (appended). */
    public AppLauncher logTo(Path file) {
        this.log = file;
        return this;
    }

    /** What {@link #start} waits for. */
    public AppLauncher readyWhen(Readiness check) {
        this.readiness = check;
        return this;
    }

    /** The command line this launcher runs. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(app.jar().toString());
        command.addAll(args);
        return command;
    }

    /** Starts the app and waits until it is ready. */
    public RunningProcess start(Duration timeout) {
        if (log == null || readiness == null) {
            throw new IllegalStateException("say where " + app + " logs (logTo) and when it is ready (readyWhen)");
        }
        String name = app.name().toLowerCase(java.util.Locale.ROOT);
        return RunningProcess.start(name, command(), env, log).awaitReady(readiness, timeout);
    }
}
