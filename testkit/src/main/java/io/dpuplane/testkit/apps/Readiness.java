package io.dpuplane.testkit.apps;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** How to tell that a started process serves: a check that is cheap to repeat, and what it waits for. */
public interface Readiness {

    /** Whether the process is ready now; never throws for "not yet". */
    boolean ready();

    /** What is waited for, for a timeout message. */
    String describe();

    /** Ready when a GET of the URL answers 200 (a Quarkus health endpoint, {@code /q/health/ready}). */
    static Readiness httpOk(URI url) {
        return new Readiness() {
            @Override
            public boolean ready() {
                try {
                    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
                    connection.setConnectTimeout(1000);
                    connection.setReadTimeout(2000);
                    try {
                        return connection.getResponseCode() == 200;
                    } finally {
                        connection.disconnect();
                    }
                } catch (IOException e) {
                    return false;
                }
            }

            @Override
            public String describe() {
                return "GET " + url + " answering 200";
            }
        };
    }

    /** Ready when something accepts TCP connections on the loopback port. */
    static Readiness portOpen(int port) {
        return new Readiness() {
            @Override
            public boolean ready() {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }

            @Override
            public String describe() {
                return "a listener on 127.0.0.1:" + port;
            }
        };
    }
}
