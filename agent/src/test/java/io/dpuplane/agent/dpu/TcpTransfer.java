package io.dpuplane.agent.dpu;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/**
 * A TCP transfer run inside a network namespace (started with {@code ip netns exec ... java}): {@code receive
 * <port>} accepts one connection and prints the byte count and SHA-256 of what arrived; {@code send <host>
 * <port> <bytes>} sends that many pseudo-random bytes and prints the same of what it sent.
 */
public final class TcpTransfer {

    private TcpTransfer() {
    }

    public static void main(String[] args) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long count = 0;
        byte[] buffer = new byte[64 * 1024];
        if ("receive".equals(args[0])) {
            try (ServerSocket server = new ServerSocket(Integer.parseInt(args[1]))) {
                server.setSoTimeout(30_000);
                System.out.println("listening");
                System.out.flush();
                try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        sha.update(buffer, 0, n);
                        count += n;
                    }
                }
            }
            System.out.println("received " + count + " " + HexFormat.of().formatHex(sha.digest()));
        } else {
            long total = Long.parseLong(args[3]);
            Random random = new Random(42);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(args[1], Integer.parseInt(args[2])), 5_000);
                socket.setSoTimeout(10_000);
                try (OutputStream out = socket.getOutputStream()) {
                    while (count < total) {
                        int n = (int) Math.min(buffer.length, total - count);
                        random.nextBytes(buffer);
                        out.write(buffer, 0, n);
                        sha.update(buffer, 0, n);
                        count += n;
                    }
                }
            } catch (java.io.IOException e) {
                System.out.println("failed " + e);
                System.exit(1);
            }
            System.out.println("sent " + count + " " + HexFormat.of().formatHex(sha.digest()));
        }
        System.out.flush();
    }
}
