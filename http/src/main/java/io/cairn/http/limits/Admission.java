package io.cairn.http.limits;

import java.util.concurrent.TimeUnit;

/** What the rate limits say to a request: go on, charging the bytes it moves, or come back later. */
public sealed interface Admission {

    /** Admitted: the request's body bytes, in and out, are charged to its buckets as they flow. */
    final class Admitted implements Admission {
        private final ClientBuckets key;
        private final ClientBuckets address;

        Admitted(ClientBuckets key, ClientBuckets address) {
            this.key = key;
            this.address = address;
        }

        public void charge(long bytes) {
            key.bytes().charge(bytes);
            address.bytes().charge(bytes);
        }
    }

    /** Refused: {@code limit} has no token left, and will have one in {@code retryAfterNanos}. */
    record Refused(Limit limit, long retryAfterNanos) implements Admission {
        /** Whole seconds, as {@code Retry-After} takes them: rounded up, and at least one. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
        }

        public String message() {
            String who = switch (limit) {
                case KEY_REQUESTS, KEY_BYTES -> "this access key";
                case ADDRESS_REQUESTS, ADDRESS_BYTES -> "this client address";
            };
            return "rate limit: " + who + " sent too many " + limit.kind() + " per second; retry after "
                    + retryAfterSeconds() + " s";
        }
    }
}
