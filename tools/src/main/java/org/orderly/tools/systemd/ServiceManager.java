package org.orderly.tools.systemd;

import java.io.IOException;

/** Where service state notifications go: systemd's notify socket, or nowhere when not run by systemd. */
public sealed interface ServiceManager extends AutoCloseable permits NotifySocket, ServiceManager.Absent {

    /** Sends one notification, e.g. {@code READY=1} or {@code WATCHDOG=1} (sd_notify(3) assignments, one per line). */
    void notify(String state) throws IOException;

    @Override
    void close();

    /** Not started by systemd: notifications are dropped. */
    record Absent() implements ServiceManager {
        @Override
        public void notify(String state) {
            // no service manager listens
        }

        @Override
        public void close() {
        }
    }

    /** From the environment systemd gives a {@code Type=notify} service ({@code NOTIFY_SOCKET}). */
    static ServiceManager fromEnvironment() throws IOException {
        String socket = System.getenv("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) {
            return new Absent();
        }
        return NotifySocket.connect(socket);
    }
}
