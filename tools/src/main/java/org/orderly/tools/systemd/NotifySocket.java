package org.orderly.tools.systemd;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.newsclub.net.unix.AFSocket;
import org.newsclub.net.unix.AFSocketCapability;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * systemd's notify socket ({@code $NOTIFY_SOCKET}): a unix datagram socket, one datagram per notification, as
 * sd_notify(3) sends them. The JDK 17 has no unix datagram sockets, so this goes through junixsocket. A name
 * starting with {@code @} is in the abstract namespace.
 */
public final class NotifySocket implements ServiceManager {
    private final AFUNIXDatagramChannel channel;
    private final AFUNIXSocketAddress address;
    private final String name;

    private NotifySocket(AFUNIXDatagramChannel channel, AFUNIXSocketAddress address, String name) {
        this.channel = channel;
        this.address = address;
        this.name = name;
    }

    /** Opens an unbound datagram socket that sends to {@code name} (a path, or {@code @name} for abstract). */
    public static NotifySocket connect(String name) throws IOException {
        if (!AFSocket.supports(AFSocketCapability.CAPABILITY_UNIX_DATAGRAMS)) {
            throw new IOException("NOTIFY_SOCKET=" + name + " is set but junixsocket has no native library for "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + "; remove Type=notify and WatchdogSec= from the unit");
        }
        AFUNIXSocketAddress address = name.startsWith("@")
                ? AFUNIXSocketAddress.inAbstractNamespace(name.substring(1))
                : AFUNIXSocketAddress.of(new File(name));
        return new NotifySocket(AFUNIXDatagramChannel.open(), address, name);
    }

    @Override
    public void notify(String state) throws IOException {
        try {
            channel.send(ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8)), address);
        } catch (IOException e) {
            throw new IOException("cannot notify systemd at " + name + " (" + state + "): "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the notify socket " + name, e);
        }
    }
}
