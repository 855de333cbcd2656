package io.cairn.http.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cairn.core.Json;
import io.cairn.http.Caller;
import io.cairn.http.Exchange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one JSON line per request that changed something or was refused for its credential or rights,
 * to the logger {@value #LOGGER} (which server processes give a file of its own, {@code audit.log}). Calls between
 * the cluster's own processes are left out unless refused: there are many per user request, and they carry no user.
 */
public final class AuditLog {
    public static final String LOGGER = "audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final Map<Outcome, Counter> events = new EnumMap<>(Outcome.class);

    public AuditLog(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            events.put(outcome, Counter.builder("cairn.audit.events").description("lines written to the audit log")
                    .tag("outcome", outcome.label()).register(registry));
        }
    }

    /** Whether a request belongs in the audit log. */
    public static boolean concerns(String method, int status, Caller caller) {
        boolean denied = Outcome.of(status) == Outcome.DENIED;
        return denied || (!READS.contains(method) && !(caller instanceof Caller.Member));
    }

    /** Writes the request's line if it {@linkplain #concerns concerns} the audit log. */
    public void record(Exchange exchange, Instant arrived, int status, long nanos) {
        Caller caller = exchange.caller();
        if (!concerns(exchange.method(), status, caller)) {
            return;
        }
        AuditEvent event = new AuditEvent(arrived.truncatedTo(ChronoUnit.MILLIS).toString(), AuditEvent.principal(caller),
                AuditEvent.accessKey(caller), exchange.remoteAddress(), exchange.method(), exchange.routeLabel(),
                exchange.bucket(), exchange.key(), status, Outcome.of(status), exchange.bytesIn(), exchange.bytesOut(),
                TimeUnit.NANOSECONDS.toMillis(nanos));
        LOG.info(line(event));
        events.get(event.outcome()).increment();
    }

    static String line(AuditEvent event) {
        try {
            return Json.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
