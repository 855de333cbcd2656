package io.cairn.app.cli;

/**
 * Paths of the public REST API (design 0001) for a key. A key ending in /chunks, /metadata or /versions collides with
 * the sub-resources under /files/{name}, so writes and deletes of such keys take the other routes the API offers.
 */
final class Routes {
    static final String FILES = "/files";
    static final String STATUS = "/status";
    static final String NODES = "/nodes";
    static final String UPLOAD = "/upload";
    static final String RECOVERY = "/recovery/status";
    static final String REBALANCE = "/rebalance";
    /** The controller group, served by every controller (not by a separate gateway). */
    static final String LEADER_STATUS = "/leader/status";
    static final String CONTROLLERS = "/admin/controllers";
    static final String SNAPSHOT = "/admin/snapshot";
    static final String USERS = "/admin/users";
    static final String ACCESS_KEYS = "/admin/keys";
    static final String POLICIES = "/admin/policies";
    static final String QUOTAS = "/admin/quotas";
    static final String JOIN_TOKEN = "/admin/join-token";
    static final String METRICS_TOKEN = "/admin/metrics-token";

    private Routes() {
    }

    static String file(String key) {
        return FILES + "/" + KeyEncoding.path(key);
    }

    static String download(String key) {
        return "/download/" + KeyEncoding.path(key);
    }

    /** DELETE route: {@code /files/{name}}, or {@code /delete/{name}} when the key looks like a sub-resource. */
    static String delete(String key) {
        return collidesWithSubResource(key) ? "/delete/" + KeyEncoding.path(key) : file(key);
    }

    static String node(String id) {
        return NODES + "/" + KeyEncoding.component(id);
    }

    static String controller(String id) {
        return CONTROLLERS + "/" + KeyEncoding.component(id);
    }

    static String user(String name) {
        return USERS + "/" + KeyEncoding.component(name);
    }

    /** Where a policy is attached to a user (POST) or detached from it (DELETE). */
    static String userPolicy(String user, String policy) {
        return user(user) + "/policies/" + KeyEncoding.component(policy);
    }

    static String accessKey(String id) {
        return ACCESS_KEYS + "/" + KeyEncoding.component(id);
    }

    static String policy(String name) {
        return POLICIES + "/" + KeyEncoding.component(name);
    }

    static String metadata(String key) {
        return file(key) + "/metadata";
    }

    static String chunks(String key) {
        return file(key) + "/chunks";
    }

    /** Whether {@code PUT /files/{key}} would address a sub-resource instead of the key itself. */
    static boolean collidesWithSubResource(String key) {
        for (String sub : new String[] {"/chunks", "/metadata", "/versions"}) {
            if (key.endsWith(sub) && key.length() > sub.length()) {
                return true;
            }
        }
        return false;
    }
}
