package io.cairn.gateway;

import io.cairn.api.ClusterKey;
import io.cairn.api.IdentityService;
import io.cairn.api.MetadataService;
import io.cairn.client.ChunkClient;
import io.cairn.client.ColocatedNodes;
import io.cairn.client.DataPathSettings;
import io.cairn.client.HttpTransport;
import io.cairn.client.NodeHealth;
import io.cairn.client.ObjectReader;
import io.cairn.client.ObjectUploader;
import io.cairn.client.TransferMemory;
import io.cairn.http.MultipartFileStream;
import io.cairn.http.Permissions;
import io.cairn.http.RecentErrors;
import io.cairn.http.Router;
import io.cairn.http.limits.RateLimiter;
import io.cairn.s3.S3Handler;
import io.cairn.s3.S3Service;
import io.cairn.s3.S3Settings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway role: the REST and S3 APIs over the data path. Holds no durable state; owns the hashing pool and the virtual
 * thread executor of its transfers. The metadata service is the controller in-process or over HTTP.
 */
public final class Gateway implements AutoCloseable {
    private final ExecutorService hashPool;
    private final ExecutorService io;
    private final RestApi api;
    private final MetadataService meta;
    private final ObjectUploader uploader;
    private final ObjectReader reader;
    private final TransferMemory memory;
    private final KeyRing keys;
    private final Authorizer authorizer;
    private final GatewayBucketCors cors;
    private final AdminApi admin;
    private final RateLimiter limiter;
    private final RecentErrors errors = new RecentErrors();

    /**
     * @param colocated  the storage nodes in this process, whose copies are read and written through their stores
     * @param keys       the access keys both APIs accept, with {@code identities} behind them
     * @param clusterKey for the join and metrics tokens the admin API hands out
     * @param limiter    the process's rate limits, which both APIs apply and the admin API changes
     * @param registry   where the transfer memory's gauges go
     */
    public Gateway(MetadataService meta, IdentityService identities, HttpTransport transport, ColocatedNodes colocated,
                   GatewaySettings settings, DataPathSettings dataPath, KeyRing keys, ClusterKey clusterKey, RateLimiter limiter,
                   MeterRegistry registry) {
        this.keys = keys;
        this.limiter = limiter;
        this.authorizer = new Authorizer(keys, identities, meta, Clock.systemUTC(), System::nanoTime);
        this.cors = new GatewayBucketCors(identities, System::nanoTime);
        this.admin = new AdminApi(identities, meta, authorizer, keys, clusterKey, limiter, errors);
        this.hashPool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), daemon("sha256-"));
        this.io = Executors.newVirtualThreadPerTaskExecutor();
        ChunkClient chunks = new ChunkClient(transport);
        this.meta = meta;
        // One view of the nodes for both directions: a node failing writes is skipped by reads too, and back.
        NodeHealth health = new NodeHealth(System::nanoTime);
        this.uploader = new ObjectUploader(meta, chunks, colocated, hashPool, io, dataPath, health);
        this.reader = new ObjectReader(meta, chunks, colocated, io, hashPool, dataPath, health);
        // One budget for both APIs: what it bounds, the memory transfers hold, is the gateway's.
        this.memory = new TransferMemory(settings.maxBufferMemory(), settings.maxConcurrentUploads(),
                settings.uploadQueueTimeout());
        this.api = new RestApi(meta, uploader, memory, reader, settings, authorizer, keys);
        bindMetrics(registry);
    }

    /**
     * The most memory one transfer reserves when objects are cut in {@code chunkSize} chunks, through either API: a
     * gateway whose MAX_BUFFER_MEMORY is smaller could not serve it at all, so a process refuses to start with one.
     */
    public static long largestTransfer(int chunkSize, DataPathSettings dataPath) {
        long restForm = MultipartFileStream.MEMORY + ObjectUploader.memory(dataPath, chunkSize, -1);
        // A download's read-ahead shrinks to fit; one chunk it needs.
        return Math.max(Math.max(restForm, S3Service.largestRequest(dataPath, chunkSize)), chunkSize);
    }

    private void bindMetrics(MeterRegistry registry) {
        Gauge.builder("cairn.transfer.memory.capacity.bytes", memory, TransferMemory::capacity)
                .description("bytes the gateway's transfers may hold at once (MAX_BUFFER_MEMORY)").register(registry);
        Gauge.builder("cairn.transfer.memory.reserved.bytes", memory, TransferMemory::reserved)
                .description("bytes reserved by transfers now").register(registry);
        Gauge.builder("cairn.transfer.memory.waiting", memory, TransferMemory::waiting)
                .description("transfers waiting for their memory now").register(registry);
        FunctionCounter.builder("cairn.transfer.memory.refused", memory, TransferMemory::refusals)
                .description("transfers refused with 503 after waiting the queue timeout for their memory")
                .register(registry);
        FunctionCounter.builder("cairn.transfer.memory.admitted", memory, TransferMemory::admitted)
                .description("transfers given their memory").register(registry);
    }

    public void install(Router router) {
        api.install(router);
        admin.install(router);
    }

    /** Where the gateway's APIs (its JSON API's handler and its S3 API's) put the server errors they answer. */
    public RecentErrors recentErrors() {
        return errors;
    }

    /** What the cluster's other APIs (a controller's own routes) ask before they act. */
    public Permissions permissions() {
        return authorizer;
    }

    /** The S3 API over the same object service as the REST API, for a server of its own (S3's port). */
    public S3Handler s3Handler(S3Settings s3, MeterRegistry registry) {
        return new S3Handler(new S3Service(meta, uploader, memory, reader, s3, authorizer, cors), s3, keys, authorizer,
                cors, Clock.systemUTC(), registry, limiter, errors);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        io.shutdownNow();
        hashPool.shutdownNow();
    }
}
