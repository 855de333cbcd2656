package io.cairn.http.limits;

import io.github.bucket4j.TimeMeter;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The buckets of one scope (access keys, or client addresses), at most {@code maxClients} of them, so that a flood of
 * addresses cannot fill the heap. When the table is full, clients whose buckets are full again are forgotten first:
 * that loses nothing, as a forgotten client starts again with a full bucket. If that is not enough (that many clients
 * active within a second or two), the ones heard from longest ago go too, down to nine tenths of the bound, so that a
 * sweep, which reads the whole table, happens at most once per tenth of it filled.
 */
final class BucketTable {
    private final Rate.Config requests;
    private final Rate.Config bytes;
    private final int maxClients;
    private final TimeMeter time;
    private final Map<String, ClientBuckets> clients = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();

    BucketTable(long requestsPerSecond, long bytesPerSecond, int maxClients, TimeMeter time) {
        this.requests = Rate.Config.perSecond(requestsPerSecond);
        this.bytes = Rate.Config.perSecond(bytesPerSecond);
        this.maxClients = maxClients;
        this.time = time;
    }

    /** The client's buckets, made full if it has none (or was forgotten). */
    ClientBuckets get(String client) {
        if (requests.perSecond() == 0 && bytes.perSecond() == 0) {
            return ClientBuckets.UNLIMITED;
        }
        long now = time.currentTimeNanos();
        ClientBuckets buckets = clients.get(client);
        if (buckets == null) {
            if (clients.size() >= maxClients) {
                sweep();
            }
            buckets = clients.computeIfAbsent(client, c -> new ClientBuckets(requests.newRate(time), bytes.newRate(time),
                    now));
        }
        buckets.touch(now);
        return buckets;
    }

    int size() {
        return clients.size();
    }

    private void sweep() {
        // One sweeper at a time; the others go on, so the table may pass its bound by the requests arriving meanwhile.
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            if (clients.size() < maxClients) {
                return;
            }
            clients.values().removeIf(ClientBuckets::full);
            int excess = clients.size() - maxClients / 10 * 9;
            if (excess > 0) {
                // Times are copied first: clients keep being touched while this sorts.
                record Seen(String client, long at) {
                }
                clients.entrySet().stream().map(e -> new Seen(e.getKey(), e.getValue().lastUsed()))
                        .sorted(Comparator.comparingLong(Seen::at)).limit(excess).toList()
                        .forEach(seen -> clients.remove(seen.client()));
            }
        } finally {
            sweeping.unlock();
        }
    }
}
