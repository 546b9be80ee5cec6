package io.dpuplane.agent.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A BFB registry on loopback that fails the way fleets have seen, at the socket: it answers 200 with the whole
 * BFB's Content-Length, sends only its first bytes, then keeps the connection open sending nothing (a stall) or
 * closes it (a body cut short).
 */
final class MisbehavingRegistry implements AutoCloseable {

    private final ServerSocket server;
    private final byte[] bfb;
    private final int sent;
    private final boolean hangUp;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    private MisbehavingRegistry(byte[] bfb, int sent, boolean hangUp) {
        this.bfb = bfb;
        this.sent = sent;
        this.hangUp = hangUp;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::serve, "misbehaving-registry");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Sends the first {@code bytes} of {@code bfb}, then nothing, keeping the connection open. */
    static MisbehavingRegistry stallingAfter(int bytes, byte[] bfb) {
        return new MisbehavingRegistry(bfb, bytes, false);
    }

    /** Sends the first {@code bytes} of {@code bfb}, then closes the connection. */
    static MisbehavingRegistry hangingUpAfter(int bytes, byte[] bfb) {
        return new MisbehavingRegistry(bfb, bytes, true);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                readRequest(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bfb.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bfb, 0, sent);
                out.flush();
                if (hangUp) {
                    connection.close();
                }
            } catch (IOException e) {
                // closed, or a client that went away
            }
        }
    }

    /** Reads up to the blank line that ends the request's head (a GET has no body). */
    private static void readRequest(InputStream in) throws IOException {
        int lastFour = 0;
        int b;
        while (lastFour != 0x0d0a0d0a && (b = in.read()) >= 0) {
            lastFour = lastFour << 8 | b;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
