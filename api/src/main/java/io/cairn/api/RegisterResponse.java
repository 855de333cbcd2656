package io.cairn.api;

public record RegisterResponse(String clusterId, long heartbeatIntervalMs) {
}
