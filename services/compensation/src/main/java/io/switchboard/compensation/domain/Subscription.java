package io.switchboard.compensation.domain;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A customer's subscription as the billing system keeps it: what it covers (product, region, resources), its
 * monthly fee, its availability commitment, the time zone of its billing months and its credit policy.
 */
public record Subscription(String id, String customerId, String product, String region, Set<String> resourceIds,
                           Money monthlyFee, BigDecimal commitment, ZoneId billingZone, String policyId) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** Resource ids one subscription may name. */
    public static final int MAX_RESOURCES = 1_000;

    public Subscription {
        resourceIds = Set.copyOf(resourceIds);
    }

    /** Builds a subscription from what the billing system sent, refusing each bad field by name. */
    public static Subscription validated(String id, String customerId, String product, String region, List<String> resourceIds,
                                         String monthlyFee, String currency, String commitment, String billingZone,
                                         String policyId) {
        String subscriptionId = identifier("subscriptionId", id);
        String customer = identifier("customerId", customerId);
        String productName = name("product", product);
        String regionName = name("region", region);
        List<String> resources = resourceIds == null ? List.of() : resourceIds;
        if (resources.size() > MAX_RESOURCES) {
            throw new InvalidFieldException("resourceIds", "at most " + MAX_RESOURCES + " resource ids");
        }
        for (int i = 0; i < resources.size(); i++) {
            identifier("resourceIds[" + i + "]", resources.get(i));
        }
        if (monthlyFee == null || monthlyFee.isBlank()) {
            throw new InvalidFieldException("monthlyFee", "is required");
        }
        Money fee;
        try {
            fee = new Money(new BigDecimal(monthlyFee.strip()), Money.currency(currency));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("monthlyFee", "'" + monthlyFee + "' is not a decimal amount");
        }
        if (fee.amount().signum() < 0 || fee.amount().compareTo(new BigDecimal("1000000000000")) >= 0) {
            throw new InvalidFieldException("monthlyFee", "must be from 0 to below 1,000,000,000,000");
        }
        if (fee.amount().stripTrailingZeros().scale() > Money.minorDigits(fee.currency())) {
            throw new InvalidFieldException("monthlyFee", "has more decimals than " + fee.currency() + " has minor digits");
        }
        fee = fee.rounded(java.math.RoundingMode.UNNECESSARY);
        BigDecimal commitmentPercent;
        try {
            commitmentPercent = CreditPolicy.percent(commitment == null ? "" : commitment, "commitment");
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException("commitment", "must be a percentage above 0 and below 100, e.g. 99.95; was '" + commitment + "'");
        }
        if (commitmentPercent.stripTrailingZeros().scale() > 4) {
            throw new InvalidFieldException("commitment", "at most 4 decimals");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(billingZone == null ? "" : billingZone.strip());
        } catch (DateTimeException e) {
            throw new InvalidFieldException("billingTimeZone", "'" + billingZone + "' is not a time zone id such as Asia/Shanghai");
        }
        String policy = policyId == null ? null : name("policyId", policyId);
        return new Subscription(subscriptionId, customer, productName, regionName, Set.copyOf(resources), fee,
                commitmentPercent, zone, policy);
    }

    private static String identifier(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (!ID.matcher(value).matches()) {
            throw new InvalidFieldException(field, "must be 1-64 letters, digits or . _ : - (starting with a letter or digit)");
        }
        return value;
    }

    private static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (!NAME.matcher(value).matches()) {
            throw new InvalidFieldException(field, "must be 1-64 of a-z, 0-9 and '-', e.g. ecs or cn-beijing");
        }
        return value;
    }
}
