package io.cairn.api;

import java.util.List;

/**
 * Who an access key belongs to and what they may do, for a gateway checking a request.
 *
 * @param sealed_secret the key's secret sealed with the cluster's master key: gateways unseal it themselves, so it
 *                      never crosses the network in the clear
 * @param enabled       false when the key or its user is disabled
 * @param policies      the user's policies with their documents
 */
public record KeyIdentity(String access_key, String user, String sealed_secret, boolean enabled,
                          List<PolicyInfo> policies) {
    @Override
    public String toString() {
        return "KeyIdentity[" + access_key + ", user=" + user + ", enabled=" + enabled + "]";
    }
}
