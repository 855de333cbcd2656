package io.cairn.gateway;

import io.cairn.api.MetadataService;
import io.cairn.client.ChunkClient;
import io.cairn.client.DataPathSettings;
import io.cairn.client.HttpTransport;
import io.cairn.client.ObjectReader;
import io.cairn.client.ObjectUploader;
import io.cairn.http.Router;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway role: the REST API over the data path. Holds no durable state; owns the hashing pool and the virtual
 * thread executor of its transfers. The metadata service is the controller in-process or over HTTP.
 */
public final class Gateway implements AutoCloseable {
    private final ExecutorService hashPool;
    private final ExecutorService io;
    private final RestApi api;

    public Gateway(MetadataService meta, HttpTransport transport, GatewaySettings settings, DataPathSettings dataPath) {
        this.hashPool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), daemon("sha256-"));
        this.io = Executors.newVirtualThreadPerTaskExecutor();
        ChunkClient chunks = new ChunkClient(transport);
        ObjectUploader uploader = new ObjectUploader(meta, chunks, hashPool, io, dataPath);
        ObjectReader reader = new ObjectReader(meta, chunks, io, dataPath);
        this.api = new RestApi(meta, uploader, reader, settings);
    }

    public void install(Router router) {
        api.install(router);
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
