package io.cairn.node;

import io.cairn.api.Heartbeat;
import io.cairn.api.HeartbeatResponse;
import io.cairn.api.LostChunks;
import io.cairn.api.NodeRegistry;
import io.cairn.api.RegisterRequest;
import io.cairn.api.RegisterResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/** A controller stand-in that records every call and answers what the test sets. */
final class FakeRegistry implements NodeRegistry {
    final List<RegisterRequest> registrations = new CopyOnWriteArrayList<>();
    final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    final List<LostChunks> lostChunks = new CopyOnWriteArrayList<>();
    volatile Function<RegisterRequest, RegisterResponse> onRegister = r -> new RegisterResponse("cluster-1");
    volatile Function<Heartbeat, HeartbeatResponse> onHeartbeat = h -> new HeartbeatResponse(true);
    volatile Consumer<LostChunks> onLostChunks = r -> { };

    @Override
    public RegisterResponse register(RegisterRequest request) {
        registrations.add(request);
        return onRegister.apply(request);
    }

    @Override
    public HeartbeatResponse heartbeat(Heartbeat heartbeat) {
        heartbeats.add(heartbeat);
        return onHeartbeat.apply(heartbeat);
    }

    @Override
    public void reportLostChunks(LostChunks report) {
        lostChunks.add(report);
        onLostChunks.accept(report);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
