package io.dpuplane.provider.bfb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server for BFB downloads, with the faults real servers have: a connection dropped
 * mid-stream once (then Range requests resume), a body shorter than its Content-Length, and 404s.
 */
final class BfbServer implements AutoCloseable {

    /** How a path misbehaves. */
    enum Fault { NONE, DROP_ONCE, ALWAYS_TRUNCATED }

    private record Served(byte[] body, Fault fault) {
    }

    private final HttpServer server;
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final Map<String, Boolean> dropped = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    BfbServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void serve(String path, byte[] body, Fault fault) {
        files.put(path, new Served(body, fault));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(path + (range == null ? "" : " " + range));
        Served served = files.get(path);
        if (served == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = served.body();
        int start = range == null ? 0 : Integer.parseInt(range.replace("bytes=", "").split("-")[0]);
        if (range != null) {
            exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
        }
        exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
        exchange.sendResponseHeaders(range == null ? 200 : 206, body.length - start);
        try (OutputStream out = exchange.getResponseBody()) {
            int end = body.length;
            boolean drop = served.fault() == Fault.DROP_ONCE && dropped.putIfAbsent(path, true) == null;
            if (drop || served.fault() == Fault.ALWAYS_TRUNCATED) {
                end = Math.max(start, body.length / 2);
            }
            out.write(body, start, end - start);
            out.flush();
            if (end < body.length) {
                throw new IOException("dropping the connection on purpose");
            }
        } catch (IOException e) {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
