package io.dpuplane.functions;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;

/**
 * {@code function-dpuplane}: reads the standard function flags and {@code TLS_SERVER_CERTS_DIR}, turns them
 * into Quarkus configuration (system properties, which outrank application.properties) and starts the
 * server. Crossplane runs the function with no arguments and the certificates directory in the env.
 */
@QuarkusMain
public final class FunctionMain {

    private FunctionMain() {
    }

    public static void main(String... args) {
        FunctionFlags flags;
        try {
            flags = FunctionFlags.parse(List.of(args), System.getenv());
        } catch (FunctionFlags.UsageException e) {
            System.err.println("function-dpuplane: " + e.getMessage());
            System.err.println();
            System.err.print(FunctionFlags.USAGE);
            System.exit(2);
            return;
        }
        if (flags.help()) {
            System.out.print(FunctionFlags.USAGE);
            return;
        }
        flags.quarkusConfig().forEach(System::setProperty);
        Quarkus.run(args);
    }
}
