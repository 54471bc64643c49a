package io.switchboard.compensation.domain;

import java.util.Collection;
import java.util.Set;

/**
 * Whom an outage affects: every subscription of its product in its region, narrowed to the named resources
 * and customers when it names any. A subscription is affected when product and region match and, where the
 * outage names resources (customers), one of them is its own.
 */
public record OutageScope(String product, String region, Set<String> customerIds, Set<String> resourceIds) {

    public OutageScope {
        customerIds = Set.copyOf(customerIds);
        resourceIds = Set.copyOf(resourceIds);
    }

    public boolean affects(String customerId, String subscriptionProduct, String subscriptionRegion,
                           Collection<String> subscriptionResources) {
        if (!product.equals(subscriptionProduct) || !region.equals(subscriptionRegion)) {
            return false;
        }
        if (!customerIds.isEmpty() && !customerIds.contains(customerId)) {
            return false;
        }
        return resourceIds.isEmpty() || subscriptionResources.stream().anyMatch(resourceIds::contains);
    }
}
