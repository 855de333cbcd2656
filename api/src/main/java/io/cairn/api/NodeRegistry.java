package io.cairn.api;

/** The controller as a storage node sees it. */
public interface NodeRegistry {
    RegisterResponse register(RegisterRequest request);

    HeartbeatResponse heartbeat(Heartbeat heartbeat);

    void reportLostChunks(LostChunks report);
}
