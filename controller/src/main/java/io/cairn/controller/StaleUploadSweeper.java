package io.cairn.controller;

import io.cairn.raft.RaftMetaLog;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts multipart uploads left open longer than the expiry, so their parts' chunks can be collected: clients crash
 * between parts, and S3 tools rarely abort what they abandoned. Runs on the leader only (any controller could, but
 * one sweeper avoids racing aborts); its aborts are ordinary logged commands.
 */
final class StaleUploadSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StaleUploadSweeper.class);

    private final Thread thread;

    StaleUploadSweeper(ControllerService service, RaftMetaLog log, Duration expiry, Duration interval) {
        this.thread = Thread.ofVirtual().name("stale-upload-sweeper").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval);
                    if (log.isLeader()) {
                        int aborted = service.abortStaleUploads(expiry);
                        if (aborted > 0) {
                            LOG.info("aborted {} multipart uploads open for more than {}", aborted, expiry);
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("sweeping stale multipart uploads failed: {}", e.getMessage());
                }
            }
        });
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
