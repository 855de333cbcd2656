package io.cairn.controller;

import io.cairn.api.RaftStatus;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.ClusterStats;
import io.cairn.controller.chunks.ChunkKeeper;
import io.cairn.controller.chunks.NodeChunks;
import io.cairn.http.Permissions;
import io.cairn.http.Router;
import io.cairn.meta.MetaCommand.InitCluster;
import io.cairn.meta.MetaDatabase;
import io.cairn.meta.MetaReader;
import io.cairn.auth.ClusterSecret;
import io.cairn.auth.SecretSealer;
import io.cairn.raft.RaftMetaLog;
import io.cairn.raft.ReadConsistency;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller role: opens the metadata, joins the controller group (Raft), makes sure the cluster has an id, loads
 * the node registry into the live view and exposes the service and its routes. One per process; closing it leaves
 * the group (the others elect a new leader if this was it) and closes the metadata.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    private static final Duration QUORUM_LOG_EVERY = Duration.ofSeconds(10);
    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final MetaDatabase db;
    private final RaftMetaLog log;
    private final LiveNodes nodes;
    private final ControllerService service;
    private final Identities identities;
    private final MeterRegistry registry;
    private final StaleUploadSweeper sweeper;
    private final ChunkKeeper keeper;
    private final EnrollRoute enroll;

    private Controller(MetaDatabase db, RaftMetaLog log, LiveNodes nodes, ControllerService service,
                       Identities identities, MeterRegistry registry, StaleUploadSweeper sweeper, ChunkKeeper keeper,
                       EnrollRoute enroll) {
        this.db = db;
        this.log = log;
        this.nodes = nodes;
        this.service = service;
        this.identities = identities;
        this.registry = registry;
        this.sweeper = sweeper;
        this.keeper = keeper;
        this.enroll = enroll;
    }

    /**
     * Opens the controller; returns once the group has a leader and this controller's metadata is current, which for
     * a group of several needs a majority of them running (it waits, logging, until they are).
     */
    /**
     * @param chunks        how the chunk keeper reaches storage nodes (it copies and deletes chunks through them)
     * @param clusterSecret what users' secrets are sealed under, and what a redeemed join token hands out
     */
    public static Controller open(ControllerSettings settings, MeterRegistry registry, Clock clock, NodeChunks chunks,
                                  ClusterSecret clusterSecret) throws IOException {
        MetaDatabase db = MetaDatabase.open(settings.metadataDir());
        RaftMetaLog log = null;
        try {
            log = RaftMetaLog.start(settings.raft(), db);
            awaitQuorum(log, settings);
            String clusterId = db.reader().clusterId().orElse(null);
            if (clusterId == null) {
                // Every controller of a new group may propose an id; the first applied wins, the others answer it.
                clusterId = log.submit(new InitCluster(UUID.randomUUID().toString(), clock.millis()))
                        .join().orThrow(String.class);
                LOG.info("cluster {} initialised", clusterId);
            }
            MetaReader reader = db.reader();
            NodeMetrics nodeMetrics = new NodeMetrics(registry);
            LiveNodes nodes = new LiveNodes(clock, settings.nodeTimeout(), reader::nodes, nodeMetrics::track);
            nodeMetrics.observe(nodes);
            MetadataCommands commands = new MetadataCommands(log, settings.reads());
            PlacementPolicy policy = new PlacementPolicy(new SecureRandom());
            Placement placement = new Placement(reader, nodes, policy, settings.replicationFactor());
            Namespace namespace = new Namespace(reader, commands, nodes, placement, clock);
            Multipart multipart = new Multipart(reader, commands, nodes, placement, namespace, clock);
            NodeDirectory directory = new NodeDirectory(reader, commands, nodes, clock, clusterId,
                    settings.replicationFactor(), settings.keeper().repairDelay());
            ChunkKeeper keeper = new ChunkKeeper(reader, commands, nodes, policy, chunks, clock, settings.keeper(),
                    registry);
            ControllerService service = new ControllerService(clusterId, commands, directory, placement, namespace,
                    multipart, keeper);
            JoinTokens joinTokens = new JoinTokens(reader, commands, clusterSecret, clusterId, clock);
            Identities identities = new Identities(reader, commands, new SecretSealer(clusterSecret), joinTokens,
                    clock);
            Controller controller = new Controller(db, log, nodes, service, identities, registry,
                    new StaleUploadSweeper(service, log, settings.uploadExpiry(), SWEEP_EVERY), keeper.start(),
                    new EnrollRoute(joinTokens, registry));
            controller.registerMetrics();
            LOG.info("controller {} of cluster {} open at {}", settings.raft().selfId(), clusterId, settings.dataDir());
            return controller;
        } catch (IOException | RuntimeException e) {
            if (log != null) {
                log.close();
            }
            db.close();
            throw e;
        }
    }

    private static void awaitQuorum(RaftMetaLog log, ControllerSettings settings) {
        while (true) {
            if (log.awaitLeader(QUORUM_LOG_EVERY)) {
                try {
                    log.awaitReadable(ReadConsistency.LINEARIZABLE);
                    return;
                } catch (CairnException e) {
                    LOG.info("waiting for the controller group to settle: {}", e.getMessage());
                }
            } else if (settings.raft().joining()) {
                LOG.info("controller {} waiting to be added to the group: cairn admin controllers add {}",
                        settings.raft().selfId(), settings.raft().self());
            } else {
                LOG.info("controller {} waiting for a majority of {} to elect a leader", settings.raft().selfId(),
                        settings.raft().peers());
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new CairnException(ErrorCode.UNAVAILABLE,
                        "interrupted while waiting for the controller group");
            }
        }
    }

    public ControllerService service() {
        return service;
    }

    /** Users, access keys and policies. */
    public Identities identities() {
        return identities;
    }

    public RaftMetaLog raft() {
        return log;
    }

    /** This controller's metadata, for tests that compare controllers. */
    public MetaDatabase metadata() {
        return db;
    }

    public void install(Router router, Permissions permissions) {
        ControllerRoutes.install(router, service, identities, log, permissions, enroll);
    }

    /** The owner of chunks' lives on this controller (it works while this controller leads). */
    public ChunkKeeper keeper() {
        return keeper;
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
        Gauge.builder("cairn.raft.leader", log, l -> l.isLeader() ? 1 : 0)
                .description("1 on the controller that is the Raft leader").register(registry);
        raft("cairn.raft.term", "the current Raft term", RaftStatus::term);
        raft("cairn.raft.commit.index", "the highest log index known committed", RaftStatus::commit_index);
        Gauge.builder("cairn.raft.applied.index", db, d -> d.applied().index())
                .description("log index of the last command applied to this controller's metadata").register(registry);
        raft("cairn.raft.snapshot.index", "log index of the latest snapshot", RaftStatus::snapshot_index);
        raft("cairn.raft.peers", "members of the controller group", s -> s.peers().size());
        raft("cairn.raft.max.follower.lag", "entries the slowest controller's commit index is behind",
                s -> s.peers().stream().mapToLong(p -> Math.max(0, p.lag())).max().orElse(0));
    }

    private void stat(String name, String help, MetaReader reader, ToDoubleFunction<ClusterStats> f) {
        Gauge.builder(name, reader, r -> f.applyAsDouble(r.stats())).description(help).register(registry);
    }

    private void raft(String name, String help, ToDoubleFunction<RaftStatus> f) {
        Gauge.builder(name, log, l -> f.applyAsDouble(l.status())).description(help).register(registry);
    }

    @Override
    public void close() {
        keeper.close();
        sweeper.close();
        log.close();
        db.close();
    }
}
