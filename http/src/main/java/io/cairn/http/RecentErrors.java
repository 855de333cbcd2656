package io.cairn.http;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last {@value #KEPT} requests of a process's APIs that failed with a server error (5xx), a refusal for load
 * (429) or a body that came too slowly (408), for an operator's first look (the web console's cluster page) without a
 * log search. Client mistakes (4xx otherwise) are not kept: they say nothing about the server's health. Thread-safe.
 */
public final class RecentErrors {
    public static final int KEPT = 100;

    /**
     * @param time    when the request arrived (ISO-8601)
     * @param route   the route's label (a template, never a raw path: no file name reaches this list)
     * @param status  599 when the failure came after the response had begun (the connection was cut)
     * @param error   the error's code ({@code UNAVAILABLE}, ...) or the exception's type
     */
    public record Entry(String time, String method, String route, int status, String error, String message,
                        String client) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    static boolean counts(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    void record(Instant arrived, Exchange exchange, String route, int status, Throwable failure, String error) {
        String message = failure == null ? null : failure.getMessage();
        Entry entry = new Entry(arrived.toString(), exchange.method(), route, status, error, message,
                exchange.remoteAddress());
        synchronized (entries) {
            entries.addFirst(entry);
            while (entries.size() > KEPT) {
                entries.removeLast();
            }
        }
    }

    public List<Entry> newestFirst() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }
}
