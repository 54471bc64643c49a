package io.switchboard.feedback.config;

import io.smallrye.config.ConfigMapping;

/**
 * The feedback policies as specs under {@code switchboard.feedback.policy}; their defaults (domain.md) are written
 * once, in application.properties, and read by the domain's {@code parse()}; formats in docs/services/feedback.md.
 */
@ConfigMapping(prefix = "switchboard.feedback.policy")
public interface FeedbackPolicies {

    /** Channel to survey method, expiry, reminder: {@code PHONE=IVR;...;expiry=P7D;reminder=P3D}. */
    String survey();

    /** {@code csat-at-most=2;nps-at-most=6;nps-needs-comment=true;reopen=true}. */
    String lowSatisfaction();

    /** {@code inspected=1.0;automatic=30;manual=50;call-back=20;period=DAY;due=P2D}. */
    String quality();

    /** {@code csat=4.5;nps=75;fcr=0.85;handling=PT8M}. */
    String targets();
}
