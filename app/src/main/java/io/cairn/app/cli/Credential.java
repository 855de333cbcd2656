package io.cairn.app.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** One header that authenticates a CLI request. */
record Credential(String header, String value) {
    static Credential basic(String accessKey, String secretKey) {
        return new Credential("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (accessKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "Credential[" + header + "]";
    }
}
