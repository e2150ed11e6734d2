package org.orderly.gateway.field.pile;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every failure a driver reports. */
final class RecordingListener implements PileListener {

    final List<PileFailure> failures = new CopyOnWriteArrayList<>();
    final List<String> recoveries = new CopyOnWriteArrayList<>();

    @Override
    public void failed(PileFailure failure) {
        failures.add(failure);
    }

    @Override
    public void recovered(String pileId) {
        recoveries.add(pileId);
    }

    boolean has(PileFailureKind kind) {
        return failures.stream().anyMatch(f -> f.kind() == kind);
    }

    /**
     * The failures of any kind but TIMEOUT: what a test of exchanges that should succeed asserts empty. A request
     * answered later than the driver's timeout, as one may be on a loaded machine, is rightly a TIMEOUT, and the test's
     * waits show whether the exchange was made all the same; any other kind is a failure of what is tested.
     */
    List<PileFailure> besidesTimeouts() {
        return failures.stream().filter(f -> f.kind() != PileFailureKind.TIMEOUT).toList();
    }
}
