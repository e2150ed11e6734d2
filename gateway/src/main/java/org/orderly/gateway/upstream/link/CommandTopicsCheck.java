package org.orderly.gateway.upstream.link;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.orderly.gateway.upstream.UpstreamSettings;

/**
 * Selftest's subscription to the gateway's command topics ({@link BrokerCheck}), as the running gateway asks for it on
 * each connection ({@link CommandSubscription}, whose reading of the SUBACK it shares): a broker whose ACL does not
 * grant them answers the SUBACK with a failure code (MQTT v5: 0x87 not authorized; 3.1.1: 0x80), and the gateway
 * would connect and publish but never hear a grid cap. Until 2026-12-07 selftest subscribed to nothing and passed.
 * The session is clean and ended at once, so nothing of the subscription stays at the broker.
 */
final class CommandTopicsCheck {
    private CommandTopicsCheck() {
    }

    /** Empty when the broker granted every topic of {@code topics} within {@code wait}; otherwise what to check. */
    static Optional<String> refusal(BrokerClient client, List<String> topics, UpstreamSettings settings, Duration wait)
            throws InterruptedException {
        CompletableFuture<int[]> suback = new CompletableFuture<>();
        String asked = String.join(", ", topics);
        String who = "client id " + settings.clientId() + settings.login().map(l -> ", user " + l.username()).orElse("");
        try {
            client.subscribe(topics, new BrokerClient.Subscribed() {
                @Override
                public void answered(int[] codes) {
                    suback.complete(codes);
                }

                @Override
                public void failed(Throwable why) {
                    suback.completeExceptionally(why);
                }
            });
            String refused = CommandSubscription.refusals(topics, suback.get(wait.toMillis(), TimeUnit.MILLISECONDS));
            if (refused == null) {
                return Optional.empty();
            }
            return Optional.of("refused: the broker's ACL refused this gateway's subscription to " + refused + " ("
                    + who + "): commands (grid caps, history requests) would not reach it; check that the broker's ACL"
                    + " lets it subscribe to its command topics");
        } catch (BrokerException e) {
            return Optional.of("the subscription to " + asked + " could not be sent: " + e.getMessage());
        } catch (ExecutionException e) {
            return Optional.of("the connection ended before the broker answered the subscription to " + asked + " ("
                    + who + "): check the broker's ACL for this client and its log; " + e.getCause());
        } catch (TimeoutException e) {
            return Optional.of("no answer to the subscription to " + asked + " within " + wait.toSeconds() + " s ("
                    + who + "): commands may not reach this gateway; check the broker's log");
        }
    }
}
