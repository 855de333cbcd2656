package io.cairn.controller;

import io.cairn.core.model.ClusterStats;
import io.cairn.core.model.NodeRecord;
import io.cairn.http.Router;
import io.cairn.meta.MetaCommand.InitCluster;
import io.cairn.meta.MetaDatabase;
import io.cairn.meta.MetaReader;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller role: opens the metadata, makes sure the cluster has an id, loads the node registry into the live
 * view and exposes the service and its routes. One per process; closing it closes the metadata.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

    private final MetaDatabase db;
    private final LiveNodes nodes;
    private final ControllerService service;
    private final MeterRegistry registry;

    private Controller(MetaDatabase db, LiveNodes nodes, ControllerService service, MeterRegistry registry) {
        this.db = db;
        this.nodes = nodes;
        this.service = service;
        this.registry = registry;
    }

    public static Controller open(ControllerSettings settings, MeterRegistry registry, Clock clock) throws IOException {
        MetaDatabase db = MetaDatabase.open(settings.metadataDir());
        try {
            MetaReader reader = db.reader();
            String clusterId = reader.clusterId().orElse(null);
            if (clusterId == null) {
                clusterId = db.log().submit(new InitCluster(UUID.randomUUID().toString(), clock.millis()))
                        .join().orThrow(String.class);
                LOG.info("initialised new cluster {}", clusterId);
            }
            NodeMetrics nodeMetrics = new NodeMetrics(registry);
            LiveNodes nodes = new LiveNodes(clock, settings.nodeTimeout(), nodeMetrics::track);
            nodeMetrics.observe(nodes);
            for (NodeRecord record : reader.nodes()) {
                nodes.known(record);
            }
            ControllerService service = new ControllerService(db, nodes,
                    new PlacementPolicy(new SecureRandom()), settings, clock, clusterId, registry);
            Controller controller = new Controller(db, nodes, service, registry);
            controller.registerMetrics();
            LOG.info("controller of cluster {} open at {}", clusterId, settings.metadataDir());
            return controller;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public ControllerService service() {
        return service;
    }

    public void install(Router router) {
        ControllerRoutes.install(router, service);
    }

    private void registerMetrics() {
        MetaReader reader = db.reader();
        stat("cairn.files", "files (keys with at least one version)", reader, ClusterStats::objects);
        stat("cairn.versions", "stored versions", reader, ClusterStats::versions);
        stat("cairn.chunks", "distinct chunks", reader, ClusterStats::chunks);
        stat("cairn.logical.bytes", "sum of the sizes of all versions", reader, ClusterStats::logicalBytes);
        stat("cairn.stored.bytes", "bytes on disk counting every replica", reader, ClusterStats::storedBytes);
        Gauge.builder("cairn.nodes.healthy", nodes, n -> n.healthy().size()).register(registry);
        Gauge.builder("cairn.nodes.registered", nodes, n -> n.all().size()).register(registry);
    }

    private void stat(String name, String help, MetaReader reader, ToDoubleFunction<ClusterStats> f) {
        Gauge.builder(name, reader, r -> f.applyAsDouble(r.stats())).description(help).register(registry);
    }

    @Override
    public void close() {
        db.close();
    }
}
