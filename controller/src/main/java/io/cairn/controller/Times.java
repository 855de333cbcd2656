package io.cairn.controller;

import java.time.Instant;

/** How the controller's answers show times. */
final class Times {
    private Times() {
    }

    static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    static String uptime(long seconds) {
        return String.format("%dd %dh %dm", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60);
    }
}
