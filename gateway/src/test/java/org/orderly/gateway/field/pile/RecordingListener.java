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
}
