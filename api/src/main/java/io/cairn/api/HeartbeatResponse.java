package io.cairn.api;

/** {@code registered} false tells the node to register again (the controller does not know it). */
public record HeartbeatResponse(boolean registered) {
}
