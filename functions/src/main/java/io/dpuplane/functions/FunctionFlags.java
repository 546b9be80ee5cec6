package io.dpuplane.functions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line every Crossplane function takes (function-template-go's flags), turned into the
 * Quarkus configuration that does it: the gRPC server listens on 9443 with mutual TLS from the certificates
 * directory, or in plain text with {@code --insecure}.
 */
public record FunctionFlags(boolean help, boolean insecure, Path tlsCertsDir, boolean debug, int maxRecvMessageSizeMb,
        String host, int port) {

    public static final String TLS_CERTS_DIR_ENV = "TLS_SERVER_CERTS_DIR";
    static final int DEFAULT_PORT = 9443;
    /** Well above gRPC's 4 MiB, which Crossplane users hit at about 200 composed resources. */
    static final int DEFAULT_MAX_RECV_MESSAGE_SIZE_MB = 64;

    public static final String USAGE = """
            Usage: function-dpuplane [flags]

            Crossplane composition functions for dpuplane (DPUSet), serving
            apiextensions.fn.proto.v1(beta1).FunctionRunnerService over gRPC.

            Flags:
              -h, --help                      Show this help.
              -d, --debug                     Log every RunFunction call.
                  --address=HOST:PORT         Address to listen on (default :9443).
                  --insecure                  Serve plain text, without TLS (for crossplane render).
                  --tls-certs-dir=DIR         Directory with tls.crt, tls.key and ca.crt for mutual TLS;
                                              clients must present a certificate signed by ca.crt
                                              ($TLS_SERVER_CERTS_DIR).
                  --max-recv-message-size=MB  Largest request accepted, in MiB (default 64).
            """;

    /** A command line that cannot be served, with what to do about it. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Reads the flags, and {@code TLS_SERVER_CERTS_DIR} when {@code --tls-certs-dir} is not given. */
    public static FunctionFlags parse(List<String> args, Map<String, String> env) {
        boolean help = false;
        boolean insecure = false;
        boolean debug = false;
        String certsDir = env.getOrDefault(TLS_CERTS_DIR_ENV, "");
        String maxRecv = Integer.toString(DEFAULT_MAX_RECV_MESSAGE_SIZE_MB);
        String address = ":" + DEFAULT_PORT;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "-h", "--help" -> help = true;
                case "-d", "--debug" -> debug = true;
                case "--insecure" -> insecure = true;
                case "--tls-certs-dir", "--address", "--max-recv-message-size" -> {
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new UsageException(name + " needs a value");
                    }
                    switch (name) {
                        case "--tls-certs-dir" -> certsDir = value;
                        case "--address" -> address = value;
                        default -> maxRecv = value;
                    }
                }
                default -> throw new UsageException("unknown flag " + arg);
            }
        }
        int maxRecvMb = positive("--max-recv-message-size", maxRecv);
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new UsageException("--address must be HOST:PORT or :PORT, not " + address);
        }
        int port = positive("--address port", address.substring(colon + 1));
        Path certs = certsDir.isBlank() ? null : Path.of(certsDir);
        FunctionFlags flags = new FunctionFlags(help, insecure, certs, debug, maxRecvMb, address.substring(0, colon),
                port);
        if (!help && !insecure) {
            flags.checkCertificates();
        }
        return flags;
    }

    /**
     * The Quarkus configuration these flags stand for, as system properties to set before Quarkus starts.
     * With certificates it also writes the client CA's trust store (see {@link ClientCaTrustStore}).
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.grpc.server.host", host.isEmpty() ? "0.0.0.0" : host);
        config.put("quarkus.grpc.server.port", Integer.toString(port));
        config.put("quarkus.grpc.server.max-inbound-message-size",
                Long.toString(maxRecvMessageSizeMb * 1024L * 1024L));
        if (debug) {
            config.put("quarkus.log.category.\"io.dpuplane\".level", "DEBUG");
        }
        // As the function spec says: with both --insecure and certificates, serve insecure.
        if (insecure) {
            config.put("quarkus.grpc.server.plain-text", "true");
            return config;
        }
        ClientCaTrustStore clientCa = ClientCaTrustStore.from(tlsCertsDir.resolve("ca.crt"));
        String ssl = "quarkus.grpc.server.ssl.";
        config.put("quarkus.grpc.server.plain-text", "false");
        config.put(ssl + "certificate", tlsCertsDir.resolve("tls.crt").toString());
        config.put(ssl + "key", tlsCertsDir.resolve("tls.key").toString());
        config.put(ssl + "trust-store", clientCa.file().toString());
        config.put(ssl + "trust-store-type", "pkcs12");
        config.put(ssl + "trust-store-password", clientCa.password());
        config.put(ssl + "client-auth", "REQUIRED");
        // Crossplane's client (Go) speaks TLS 1.3; 1.2 as the Go SDK's floor.
        config.put(ssl + "protocols", "TLSv1.3,TLSv1.2");
        return config;
    }

    private void checkCertificates() {
        if (tlsCertsDir == null) {
            throw new UsageException("mutual TLS needs certificates: pass --tls-certs-dir=DIR or set "
                    + TLS_CERTS_DIR_ENV + " (a directory with tls.crt, tls.key and ca.crt), or pass --insecure");
        }
        for (String file : List.of("tls.crt", "tls.key", "ca.crt")) {
            if (!Files.isReadable(tlsCertsDir.resolve(file))) {
                throw new UsageException("cannot read " + tlsCertsDir.resolve(file) + ": the TLS certificates "
                        + "directory must hold tls.crt, tls.key and ca.crt");
            }
        }
    }

    private static int positive(String flag, String value) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a positive number, not " + value);
    }
}
