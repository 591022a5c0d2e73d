package dev.schemawatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The one way tests, benchmarks and the local run pick a port: a server told its port before it binds, or a port nothing listens on. */
public final class FreePort {

    private FreePort() {
    }

    /** A port free on 127.0.0.1 right now, for servers that must be told their port before they bind. */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }
}
