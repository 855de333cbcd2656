package io.cairn.app;

import java.util.concurrent.CountDownLatch;

/** Keeps a server command's main thread alive until the JVM is asked to stop, then closes what it started. */
final class ServerLifecycle {
    private ServerLifecycle() {
    }

    static int runUntilStopped(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ControllerProcess.closeQuietly(running);
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
