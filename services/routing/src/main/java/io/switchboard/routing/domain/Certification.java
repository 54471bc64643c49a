package io.switchboard.routing.domain;

/** Certification levels of the desk's engineers (domain.md, "Routing"). */
public enum Certification {
    BASIC_OPERATIONS,
    ARCHITECTURE,
    SYSTEM_FAULTS,
    CUSTOM_SOLUTIONS
}
