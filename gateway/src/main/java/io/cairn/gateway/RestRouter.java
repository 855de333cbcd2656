package io.cairn.gateway;

import io.cairn.gateway.RestEndpoint.Chunks;
import io.cairn.gateway.RestEndpoint.CreateBucket;
import io.cairn.gateway.RestEndpoint.DeleteBucket;
import io.cairn.gateway.RestEndpoint.DeleteFile;
import io.cairn.gateway.RestEndpoint.Download;
import io.cairn.gateway.RestEndpoint.DrainNode;
import io.cairn.gateway.RestEndpoint.EnableNode;
import io.cairn.gateway.RestEndpoint.GetMetadata;
import io.cairn.gateway.RestEndpoint.ListBuckets;
import io.cairn.gateway.RestEndpoint.ListFiles;
import io.cairn.gateway.RestEndpoint.Nodes;
import io.cairn.gateway.RestEndpoint.PutFile;
import io.cairn.gateway.RestEndpoint.PutMetadata;
import io.cairn.gateway.RestEndpoint.RecoveryStatus;
import io.cairn.gateway.RestEndpoint.RemoveNode;
import io.cairn.gateway.RestEndpoint.Status;
import io.cairn.gateway.RestEndpoint.Upload;
import io.cairn.gateway.RestEndpoint.Versions;
import java.util.Optional;

/**
 * Parses method and decoded path into a {@link RestEndpoint}. Under {@code /files/} a trailing {@code /chunks},
 * {@code /metadata} or {@code /versions} names a sub-resource: the path alone cannot tell it from a file of that name,
 * and the sub-resource wins. Such keys are reached via {@code /download/} and {@code POST /upload} instead
 * (docs/design/0001-foundation.md).
 */
public final class RestRouter {
    private static final String FILES = "/files/";
    private static final String DOWNLOAD = "/download/";
    private static final String DELETE = "/delete/";
    private static final String BUCKETS = "/buckets/";
    private static final String NODES = "/nodes/";
    private static final String UPLOADS = "/uploads/";
    private static final String REPAIR = "/repair";
    private static final String COPY = "/copy";
    private static final String SHARE = "/share";
    private static final String CONSISTENCY = "/consistency";

    private RestRouter() {
    }

    public static Optional<RestEndpoint> parse(String method, String path) {
        RestEndpoint endpoint = switch (path) {
            case "/upload" -> method.equals("POST") ? new Upload() : null;
            case "/files" -> method.equals("GET") ? new ListFiles() : null;
            case "/status" -> method.equals("GET") ? new Status() : null;
            case "/nodes" -> method.equals("GET") ? new Nodes() : null;
            case "/buckets" -> method.equals("GET") ? new ListBuckets() : null;
            case "/recovery/status" -> method.equals("GET") ? new RecoveryStatus() : null;
            case "/rebalance" -> method.equals("POST") ? new RestEndpoint.Rebalance() : null;
            case "/uploads" -> switch (method) {
                case "POST" -> new RestEndpoint.CreateUpload();
                case "GET" -> new RestEndpoint.ListUploads();
                default -> null;
            };
            case "/archive" -> method.equals("GET") ? new RestEndpoint.Archive() : null;
            default -> parsePrefixed(method, path);
        };
        return Optional.ofNullable(endpoint);
    }

    /** Whether the path names a resource at all, to answer 405 rather than 404 for a wrong method. */
    public static boolean knowsPath(String path) {
        for (String method : new String[] {"GET", "PUT", "POST", "DELETE", "HEAD"}) {
            if (parse(method, path).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static RestEndpoint parsePrefixed(String method, String path) {
        if (path.startsWith(DOWNLOAD) && path.length() > DOWNLOAD.length()) {
            String name = path.substring(DOWNLOAD.length());
            return switch (method) {
                case "GET" -> new Download(name, false);
                case "HEAD" -> new Download(name, true);
                default -> null;
            };
        }
        if (path.startsWith(DELETE) && path.length() > DELETE.length()) {
            return method.equals("DELETE") ? new DeleteFile(path.substring(DELETE.length())) : null;
        }
        if (path.startsWith(BUCKETS) && path.endsWith(CONSISTENCY) && path.length() > BUCKETS.length()
                + CONSISTENCY.length()) {
            String name = path.substring(BUCKETS.length(), path.length() - CONSISTENCY.length());
            return method.equals("PUT") ? new RestEndpoint.SetConsistency(name) : null;
        }
        if (path.startsWith(BUCKETS) && path.length() > BUCKETS.length()) {
            String name = path.substring(BUCKETS.length());
            return switch (method) {
                case "PUT" -> new CreateBucket(name);
                case "DELETE" -> new DeleteBucket(name);
                default -> null;
            };
        }
        if (path.startsWith(FILES) && path.length() > FILES.length()) {
            return parseFile(method, path.substring(FILES.length()));
        }
        if (path.startsWith(NODES) && path.length() > NODES.length()) {
            return parseNode(method, path.substring(NODES.length()));
        }
        if (path.startsWith(UPLOADS) && path.length() > UPLOADS.length()) {
            return parseUpload(method, path.substring(UPLOADS.length()));
        }
        return null;
    }

    /** {@code /uploads/{id}} (GET, POST, DELETE) and {@code PUT /uploads/{id}/{part}}. */
    private static RestEndpoint parseUpload(String method, String rest) {
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return switch (method) {
                case "GET" -> new RestEndpoint.ListParts(rest);
                case "POST" -> new RestEndpoint.CompleteUpload(rest);
                case "DELETE" -> new RestEndpoint.AbortUpload(rest);
                default -> null;
            };
        }
        String part = rest.substring(slash + 1);
        if (!method.equals("PUT") || slash == 0 || part.isEmpty() || part.length() > 5
                || !part.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return new RestEndpoint.UploadPart(rest.substring(0, slash), Integer.parseInt(part));
    }

    /** {@code /nodes/{id}/drain}, {@code /nodes/{id}/enable}, {@code DELETE /nodes/{id}}. */
    private static RestEndpoint parseNode(String method, String rest) {
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return method.equals("DELETE") ? new RemoveNode(rest) : null;
        }
        String id = rest.substring(0, slash);
        return switch (rest.substring(slash + 1) + " " + method) {
            case "drain POST" -> new DrainNode(id);
            case "enable POST" -> new EnableNode(id);
            default -> null;
        };
    }

    private static RestEndpoint parseFile(String method, String rest) {
        // POST means nothing else under /files/, so a key ending in /repair, /copy or /share can still be written and
        // read.
        if (method.equals("POST")) {
            for (String action : new String[] {REPAIR, COPY, SHARE}) {
                if (rest.endsWith(action) && rest.length() > action.length()) {
                    String name = rest.substring(0, rest.length() - action.length());
                    return switch (action) {
                        case REPAIR -> new RestEndpoint.RepairFile(name);
                        case COPY -> new RestEndpoint.CopyFile(name);
                        default -> new RestEndpoint.ShareFile(name);
                    };
                }
            }
        }
        String sub = subResource(rest);
        if (sub != null) {
            String name = rest.substring(0, rest.length() - sub.length() - 1);
            return switch (sub + " " + method) {
                case "chunks GET" -> new Chunks(name);
                case "metadata GET" -> new GetMetadata(name);
                case "metadata PUT" -> new PutMetadata(name);
                case "versions GET" -> new Versions(name);
                default -> null;
            };
        }
        return switch (method) {
            case "PUT" -> new PutFile(rest);
            case "GET" -> new Download(rest, false);
            case "HEAD" -> new Download(rest, true);
            case "DELETE" -> new DeleteFile(rest);
            default -> null;
        };
    }

    private static String subResource(String rest) {
        for (String sub : new String[] {"chunks", "metadata", "versions"}) {
            if (rest.endsWith("/" + sub) && rest.length() > sub.length() + 1) {
                return sub;
            }
        }
        return null;
    }
}
