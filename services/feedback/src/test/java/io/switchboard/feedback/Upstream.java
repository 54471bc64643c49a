package io.switchboard.feedback;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Money;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.TicketClass;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.contracts.compensation.CompensationForm;
import io.switchboard.contracts.compensation.CreditBasis;
import io.switchboard.contracts.compensation.CreditIssued;
import io.switchboard.contracts.sla.MajorIncidentDeclared;
import io.switchboard.contracts.sla.SlaClockOutcome;
import io.switchboard.contracts.sla.SlaClockStopped;
import io.switchboard.contracts.sla.SlaTarget;
import io.switchboard.contracts.tickets.ResolutionCode;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.contracts.tickets.TicketReclassified;
import io.switchboard.contracts.tickets.TicketResolved;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.EventPublisher;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The other services' events, as this test publishes them on their real topics. */
final class Upstream implements AutoCloseable {

    private final EventPublisher publisher;

    Upstream(EventSerde serde) {
        publisher = new EventPublisher(serde, "feedback-test-upstream");
    }

    static SpecificRecord envelope(Topic topic, String key, SpecificRecord payload) {
        return EventPublisher.envelope(topic, key, payload, "feedback-test", Instant.now());
    }

    byte[] bytes(Topic topic, SpecificRecord envelope) {
        return publisher.bytes(topic, envelope);
    }

    RecordMetadata send(Topic topic, String key, byte[] value, String ceType) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.topicName(), key, value);
        if (ceType != null) {
            record.headers().add(new RecordHeader("ce_type", ceType.getBytes(StandardCharsets.UTF_8)));
        }
        return publisher.send(record);
    }

    SpecificRecord publish(Topic topic, String key, SpecificRecord payload) throws Exception {
        SpecificRecord envelope = envelope(topic, key, payload);
        send(topic, key, bytes(topic, envelope), null);
        return envelope;
    }

    static TicketOpened opened(String ticketId, String customerId, Channel channel, String category, String callId, Instant at) {
        return TicketOpened.newBuilder().setTicketId(ticketId).setCustomerId(customerId).setCustomerTier(CustomerTier.ENTERPRISE)
                .setCustomerTimeZone(null).setChannel(channel).setScenario(null).setTicketClass(TicketClass.TECHNICAL)
                .setCategory(category).setProduct(null).setRegion(null).setLanguage("en").setImpact(Impact.MODERATE)
                .setUrgency(Urgency.MEDIUM).setPriority(Priority.P3).setEmergencyLevel(null).setEmergency(false).setSupportLevel(null)
                .setSkill(null).setDedupKey(null).setSummary("test ticket").setDescription(null).setAccountManagerId(null)
                .setSourceReference(callId).setProblemStartedAt(null).setOpenedAt(at.truncatedTo(ChronoUnit.MILLIS)).build();
    }

    static TicketReclassified reclassified(String ticketId, String category, Priority priority, Instant at) {
        return TicketReclassified.newBuilder().setTicketId(ticketId).setScenario(null).setTicketClass(TicketClass.TECHNICAL)
                .setCategory(category).setProduct(null).setImpact(Impact.MODERATE).setUrgency(Urgency.MEDIUM).setPriority(priority)
                .setEmergencyLevel(null).setEmergency(false).setPreviousEmergencyLevel(null).setPreviousEmergency(false)
                .setSupportLevel(null).setSkill(null).setPreviousCategory("technical.network").setPreviousPriority(Priority.P3)
                .setReason("test").setReclassifiedBy("agent-r").setReclassifiedAt(at.truncatedTo(ChronoUnit.MILLIS)).build();
    }

    static TicketResolved resolved(String ticketId, String customerId, Channel channel, String agent, String group, boolean fcr,
                                   long handlingSeconds, Instant at) {
        return TicketResolved.newBuilder().setTicketId(ticketId).setCustomerId(customerId).setChannel(channel).setLanguage("en")
                .setResolutionCode(ResolutionCode.FIXED).setResolutionSummary(null).setFirstContactResolution(fcr).setResolvedBy(agent)
                .setSkillGroupId(group).setHandlingTimeSeconds(handlingSeconds).setResolvedAt(at.truncatedTo(ChronoUnit.MILLIS))
                .setPreviousStatus(null).setPriority(Priority.P3).setCategory("technical.storage").setProduct(null)
                .setCustomerTier(CustomerTier.ENTERPRISE).setEmergency(false).setEmergencyLevel(null).build();
    }

    static SlaClockStopped clockStopped(String ticketId, String customerId, String group, SlaClockOutcome outcome, Instant at) {
        return SlaClockStopped.newBuilder().setTicketId(ticketId).setCustomerId(customerId).setPolicyId("policy-test").setPolicyVersion(1)
                .setTarget(SlaTarget.FIRST_RESPONSE).setPriority(Priority.P3).setCustomerTier(CustomerTier.ENTERPRISE)
                .setSkillGroupId(group).setOutcome(outcome).setTargetSeconds(900).setElapsedSeconds(600)
                .setStoppedAt(at.truncatedTo(ChronoUnit.MILLIS)).build();
    }

    static MajorIncidentDeclared majorIncident(String ticketId, String incidentId, Instant at) {
        return MajorIncidentDeclared.newBuilder().setTicketId(ticketId).setMajorIncidentId(incidentId).setEmergencyLevel(null)
                .setSummary("storage <outage>").setResponseTeam("storage").setProgressUpdateIntervalMinutes(60)
                .setDeclaredBy("duty-manager").setDeclaredAt(at.truncatedTo(ChronoUnit.MILLIS)).build();
    }

    static CreditIssued credit(String creditId, String customerId, String amount, LocalDate month, Instant at) {
        return CreditIssued.newBuilder().setCreditId(creditId).setCustomerId(customerId).setSubscriptionId("sub-1")
                .setBasis(CreditBasis.PER_MINUTE).setForm(CompensationForm.BILL_CREDIT)
                .setAmount(Money.newBuilder().setAmount(new BigDecimal(amount)).setCurrency("CNY").build())
                .setBillingMonth(month).setUnavailableFrom(null).setUnavailableUntil(null).setAchievedAvailabilityPercent(null)
                .setOutageId(null).setClaimId(null).setDisputeId(null).setTicketId(null).setIssuedAt(at.truncatedTo(ChronoUnit.MILLIS)).build();
    }

    @Override
    public void close() {
        publisher.close();
    }
}
