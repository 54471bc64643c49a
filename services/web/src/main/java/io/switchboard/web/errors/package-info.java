/**
 * Errors that domain code, application services and Kafka handlers throw: plain Java, no framework
 * imports (a test holds this package to that), so that rules stay testable with plain JUnit and a
 * Kafka handler never throws an HTTP type. The web edge ({@code io.switchboard.web.ProblemMappers})
 * maps each to its problem+json answer; a consumer maps them to a dead letter or a retry.
 */
package io.switchboard.web.errors;
