package org.orderly.gateway.field.pile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

/**
 * A bridge on 127.0.0.1 that sends what a Californium server never does: a notification a test writes whole, with the
 * Observe number, token, type and message id it chooses, sent as often as it likes (Californium's serializer writes the
 * bytes; nothing of its stack runs here). It answers {@code GET /info} with pile P1's, a plain {@code GET /status} and
 * the registration of an observation with {@link #status}, each piggybacked on the ACK; a registration's Observe number
 * is {@link #REGISTRATION_OBSERVE}. What the gateway sends back without being asked, an ACK or an RST, is kept.
 */
final class RawObservedBridge implements AutoCloseable {

    static final String INFO = "{\"pileId\":\"P1\",\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0}";

    /** An ACK or RST the gateway sent: its type and message id. */
    record Empty(Type type, int mid) {
    }

    /** The observation the gateway registered: its token and where to send notifications. */
    record Observer(Token token, InetSocketAddress gateway) {
    }

    /** The Observe number of the answer to a registration: older than any notification a test sends. */
    static final int REGISTRATION_OBSERVE = 1;
    volatile String status = status(10);
    /** The registrations of an observation of {@code /status}, in order. */
    final BlockingQueue<Observer> observers = new LinkedBlockingQueue<>();
    /** The ACKs and RSTs the gateway sent. */
    final List<Empty> empties = new CopyOnWriteArrayList<>();
    private final DatagramSocket socket;
    private final Thread receiver;
    private final AtomicInteger nextMid = new AtomicInteger(0x5000);

    RawObservedBridge() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        receiver = new Thread(this::receive, "raw-bridge-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    /** A well-formed status of a car charging, offered {@code amps}: each notification tells itself apart so. */
    static String status(int amps) {
        return "{\"state\":\"C\",\"ampsOffered\":" + amps + ".0,\"powerKw\":1.0,\"sessionEnergyKwh\":1.0,"
                + "\"leaseExpiry\":null,\"pluggedSeconds\":600,\"sessionPluggedSeconds\":600}";
    }

    int port() {
        return socket.getLocalPort();
    }

    /** A 2.05 notification of {@code body} under {@code token}, Observe {@code observe}, with a message id of its own. */
    byte[] notification(Token token, int observe, String body, Type type) {
        Response response = new Response(ResponseCode.CONTENT);
        response.setType(type);
        response.setMID(nextMid.getAndIncrement());
        response.setToken(token);
        response.getOptions().setObserve(observe).setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        response.setPayload(body);
        return new UdpDataSerializer().getByteArray(response);
    }

    /** The message id of a message written by {@link #notification}. */
    static int mid(byte[] message) {
        return (message[2] & 0xff) << 8 | message[3] & 0xff;
    }

    void send(byte[] message, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(message, message.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException("sending to the gateway at " + to, e);
        }
    }

    /** The ACK or RST the gateway sent for message {@code mid}, if it sent one. */
    Optional<Empty> answerTo(int mid) {
        return empties.stream().filter(e -> e.mid() == mid).findFirst();
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            Message message = new UdpDataParser().parseMessage(bytes);
            if (message instanceof EmptyMessage empty) {
                empties.add(new Empty(empty.getType(), empty.getMID()));
            } else if (message instanceof Request request) {
                answer(request, from);
            }
        }
    }

    private void answer(Request request, InetSocketAddress from) {
        String path = request.getOptions().getUriPathString();
        Response response;
        if (request.getCode() == Code.GET && path.equals("info")) {
            response = content(INFO);
        } else if (request.getCode() == Code.GET && path.equals("status")) {
            response = content(status);
            if (request.getOptions().hasObserve() && request.getOptions().getObserve() == 0) {
                response.getOptions().setObserve(REGISTRATION_OBSERVE);
                observers.add(new Observer(request.getToken(), from));
            }
        } else {
            response = new Response(ResponseCode.NOT_FOUND);
        }
        response.setType(Type.ACK);
        response.setMID(request.getMID());
        response.setToken(request.getToken());
        send(new UdpDataSerializer().getByteArray(response), from);
    }

    private static Response content(String body) {
        Response response = new Response(ResponseCode.CONTENT);
        response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        response.setPayload(body);
        return response;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        receiver.join();
    }
}
