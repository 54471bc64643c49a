package io.switchboard.eventing.mongo;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.feedback.FeedbackEvent;
import io.switchboard.contracts.feedback.FeedbackReceived;
import io.switchboard.contracts.feedback.LowSatisfactionFlagged;
import io.switchboard.contracts.feedback.SurveyChannel;
import io.switchboard.contracts.feedback.SurveyRequested;
import io.switchboard.eventing.Envelopes;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Feedback envelopes for the tests, and a plain Avro encoder that routes to the run's topic. */
final class TestEvents {

    static FeedbackEvent surveyRequested(String ticketId, String surveyId) {
        return surveyRequested(ticketId, surveyId, "en");
    }

    /** {@code language} is free text here, so a test can make the record as large as it needs. */
    static FeedbackEvent surveyRequested(String ticketId, String surveyId, String language) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return FeedbackEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEventType("SurveyRequested")
                .setSubject(ticketId)
                .setOccurredAt(now)
                .setProducer("feedback")
                .setPayload(SurveyRequested.newBuilder()
                        .setSurveyId(surveyId).setTicketId(ticketId).setCustomerId("customer-1")
                        .setChannel(SurveyChannel.EMAIL).setLanguage(language).setRequestedAt(now).build())
                .build();
    }

    /** A survey answer as the feedback service would publish it; {@code csat} outside 1..5 is rejected by {@link SurveyResponses}. */
    static FeedbackEvent feedbackReceived(String ticketId, String surveyId, Integer csat) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        FeedbackReceived received = FeedbackReceived.newBuilder()
                .setSurveyId(surveyId).setTicketId(ticketId).setCustomerId("customer-1").setAgentId("agent-7")
                .setSkillGroupId(null).setCsat(csat).setNps(null).setFirstContactResolution(null)
                .setHandlingTimeSeconds(null).setComment(null).setReceivedAt(now).build();
        return (FeedbackEvent) Envelopes.wrap(Topic.FEEDBACK, ticketId, received, "eventing-mongo-test", now, null);
    }

    static FeedbackEvent lowSatisfactionFlagged(String ticketId, String surveyId, int csat, Instant now) {
        LowSatisfactionFlagged flagged = LowSatisfactionFlagged.newBuilder()
                .setTicketId(ticketId).setSurveyId(surveyId).setCustomerId("customer-1").setAgentId("agent-7")
                .setSkillGroupId(null).setCsat(csat).setNps(null).setReason("csat " + csat)
                .setReopenRequested(false).setFlaggedAt(now).build();
        return (FeedbackEvent) Envelopes.wrap(Topic.FEEDBACK, ticketId, flagged, "eventing-mongo-test", now, null);
    }

    /** Schemaless Avro binary (the core's serde will write the registry framing instead). */
    static EventEncoder encoderTo(String topicName) {
        return (Topic topic, SpecificRecord envelope) -> {
            FeedbackEvent event = (FeedbackEvent) envelope;
            return EncodedEvent.withCloudEventHeaders(topicName, event.getEventId(), Topic.cloudEventTypeOf(event),
                    event.getSubject(), event.getOccurredAt(), event.getProducer(), avro(event));
        };
    }

    private static byte[] avro(FeedbackEvent event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(FeedbackEvent.class).write(event, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestEvents() {
    }
}
