package nl.sobamo.deploy.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on the loopback interface, where every component of the platform listens. */
final class LocalPorts {

    static final String HOST = "127.0.0.1";

    private LocalPorts() {
    }

    /**
     * A port that was free a moment ago. The port is released before it is returned, so another
     * process could take it first; callers that choose ports this way retry or report the clash.
     * Kafka needs its ports up front (the controller's port is part of the quorum voter list), and
     * the registry is a separate process, so neither can bind port 0 itself and tell us the result.
     */
    static int pickFree() {
        try (ServerSocket socket = new ServerSocket()) {
            // No SO_REUSEADDR: the port must really be free, not merely lingering in TIME_WAIT for us.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    /** Returns {@code port}, or a free port when it is 0. */
    static int orFree(int port) {
        return port == 0 ? pickFree() : port;
    }

    /**
     * Fails with a message naming the setting when a configured port is taken, which is clearer
     * than the bind error the component would report later.
     */
    static void requireFree(int port, String settingName) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new PlatformStartException("Port " + port + " on " + HOST + " is already in use; choose another with "
                    + settingName + " (or 0 for a free port)", e);
        }
    }
}
