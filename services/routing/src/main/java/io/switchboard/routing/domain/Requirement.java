package io.switchboard.routing.domain;

import io.switchboard.contracts.common.SupportLevel;

/** The certification and support level a ticket needs, and the rule-table entry that said so. */
public record Requirement(Certification certification, SupportLevel level, String rule) {
}
