package io.cairn.s3;

import io.cairn.auth.S3Actions;
import io.cairn.core.CairnException;
import io.cairn.s3.xml.XmlBody;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * DeleteObjects: up to 1,000 keys in one request, each deleted as DeleteObject would, the result of each reported on
 * its own. The deletes run concurrently (a bounded few at a time) so the controller can group their log entries.
 */
final class DeleteObjectsOp {
    private static final int MAX_KEYS = 1000;
    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    private static final int PARALLELISM = 32;

    private final ObjectOps objects;

    DeleteObjectsOp(ObjectOps objects) {
        this.objects = objects;
    }

    private record Target(String key, String versionId) {
    }

    private record Outcome(Target target, ObjectOps.Deleted deleted, S3Exception error) {
    }

    void run(S3Call call) throws IOException {
        XmlBody body = call.xmlBody(MAX_BODY_BYTES);
        if (body == null || !"Delete".equals(body.rootName())) {
            throw new S3Exception(S3Error.MalformedXML, "expected a Delete element");
        }
        boolean quiet = "true".equalsIgnoreCase(body.trimmed("Quiet"));
        List<Target> targets = new ArrayList<>();
        for (XmlBody object : body.children("Object")) {
            String key = object.text("Key");
            if (key == null || key.isEmpty()) {
                throw new S3Exception(S3Error.MalformedXML, "every Object needs a Key");
            }
            targets.add(new Target(key, object.trimmed("VersionId")));
        }
        if (targets.isEmpty() || targets.size() > MAX_KEYS) {
            throw new S3Exception(S3Error.MalformedXML, "a Delete names 1 to " + MAX_KEYS + " objects");
        }
        List<Outcome> outcomes = deleteAll(call, targets);
        XmlWriter xml = XmlWriter.document("DeleteResult");
        for (Outcome outcome : outcomes) {
            if (outcome.error() != null) {
                xml.start("Error").element("Key", outcome.target().key())
                        .element("VersionId", outcome.target().versionId())
                        .element("Code", outcome.error().error().name())
                        .element("Message", outcome.error().getMessage()).end();
            } else if (!quiet) {
                ObjectOps.Deleted deleted = outcome.deleted();
                xml.start("Deleted").element("Key", outcome.target().key())
                        .element("VersionId", outcome.target().versionId());
                if (deleted.deleteMarker()) {
                    xml.element("DeleteMarker", true).element("DeleteMarkerVersionId",
                            outcome.target().versionId() == null ? deleted.versionId() : null);
                }
                xml.end();
            }
        }
        call.sendXml(200, xml);
    }

    private List<Outcome> deleteAll(S3Call call, List<Target> targets) throws IOException {
        Semaphore permits = new Semaphore(PARALLELISM);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Target target : targets) {
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return delete(call, target);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a delete failed outside its own error handling", e.getCause());
        }
    }

    private Outcome delete(S3Call call, Target target) {
        try {
            call.require(target.versionId() == null ? S3Actions.DELETE_OBJECT : S3Actions.DELETE_OBJECT_VERSION,
                    call.bucket(), target.key());
            return new Outcome(target, objects.deleteOne(call.bucket(), target.key(), target.versionId()), null);
        } catch (S3Exception e) {
            return new Outcome(target, null, e);
        } catch (CairnException e) {
            return new Outcome(target, null, S3Errors.from(e, call.op()));
        }
    }
}
