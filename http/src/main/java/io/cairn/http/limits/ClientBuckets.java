package io.cairn.http.limits;

/** The two limits of one client (an access key or an address), and when it last sent a request. */
final class ClientBuckets {
    static final ClientBuckets UNLIMITED = new ClientBuckets(Rate.UNLIMITED, Rate.UNLIMITED, 0);

    private final Rate requests;
    private final Rate bytes;
    private volatile long lastUsed;

    ClientBuckets(Rate requests, Rate bytes, long now) {
        this.requests = requests;
        this.bytes = bytes;
        this.lastUsed = now;
    }

    Rate requests() {
        return requests;
    }

    Rate bytes() {
        return bytes;
    }

    void touch(long now) {
        lastUsed = now;
    }

    long lastUsed() {
        return lastUsed;
    }

    boolean full() {
        return requests.full() && bytes.full();
    }
}
