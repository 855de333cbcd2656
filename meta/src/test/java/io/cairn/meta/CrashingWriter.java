package io.cairn.meta;

import io.cairn.core.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link RecoveryTest}: commits keys from a few threads and prints "ACK key" for each
 * acknowledged commit, until the parent kills it. It never closes the database.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        MetaDatabase db = MetaDatabase.open(Path.of(args[0]));
        db.log().submit(new MetaCommand.InitCluster("crash", TestData.AT)).join();
        System.out.println("READY");
        System.out.flush();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; ; i++) {
                    String key = "t" + id + "/" + i;
                    db.log().submit(TestData.commit(Names.DEFAULT_BUCKET, key,
                            TestData.written(key, 100, "n1"))).join().orThrow(Object.class);
                    synchronized (System.out) {
                        System.out.println("ACK " + key);
                        System.out.flush();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
