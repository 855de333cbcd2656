package io.cairn.client;

import io.cairn.api.ApiPaths;
import io.cairn.api.Heartbeat;
import io.cairn.api.HeartbeatResponse;
import io.cairn.api.LostChunks;
import io.cairn.api.NodeRegistry;
import io.cairn.api.RegisterRequest;
import io.cairn.api.RegisterResponse;

/** {@link NodeRegistry} over the controller's internal HTTP API, for a storage node in its own process. */
public final class HttpNodeRegistry implements NodeRegistry {
    private final HttpTransport http;
    private final String base;

    public HttpNodeRegistry(HttpTransport http, String controllerUrl) {
        this.http = http;
        this.base = HttpTransport.withoutTrailingSlash(controllerUrl);
    }

    @Override
    public RegisterResponse register(RegisterRequest request) {
        return http.postJson(base + ApiPaths.REGISTER, request, RegisterResponse.class);
    }

    @Override
    public HeartbeatResponse heartbeat(Heartbeat heartbeat) {
        return http.postJson(base + ApiPaths.HEARTBEAT, heartbeat, HeartbeatResponse.class);
    }

    @Override
    public void reportLostChunks(LostChunks report) {
        http.postJson(base + ApiPaths.LOST_CHUNKS, report, Void.class);
    }

    /** The controller's URL: a node talks to several, and names them in its log by this. */
    @Override
    public String toString() {
        return base;
    }
}
